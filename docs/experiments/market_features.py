#!/usr/bin/env python3
"""Offline check behind docs/model.md, "How the features were chosen": do market-wide or
liquidity features lift the next-close model on the shared Kaggle files?

Not product code. It rebuilds the product's 5-day windows and `returns` v1 features from the CSV
files (same rows, labels and split as `batch train`: training windows of the last 10 years whose
label row precedes 2010-01-01, test 2010-01-01 to 2017-08-09) and fits a logistic regression and
gradient-boosted trees (scikit-learn's histogram trees, 60 rounds, depth 4: the product's sizes,
not Spark's algorithm, so the trees' figures are indicative) on feature sets with and without the
extra features, printing test AUC and the years above the reversal rule.

    apt-get install python3-sklearn      # numpy and scikit-learn from Debian
    /usr/bin/python3 docs/experiments/market_features.py ../shared/data/kaggle
"""
import datetime as dt
import os
import sys
from collections import defaultdict

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

W = 5


def load(root):
    series = {}
    for sub in ('Stocks', 'ETFs'):
        folder = os.path.join(root, sub)
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            rows, seen = [], set()
            with open(os.path.join(folder, name)) as fh:
                next(fh, None)
                for line in fh:
                    p = line.strip().split(',')
                    try:
                        d = dt.date.fromisoformat(p[0]).toordinal()
                        o, h, l, c, v = map(float, p[1:6])
                    except (ValueError, IndexError):
                        continue
                    if c > 0 and d not in seen:
                        seen.add(d)
                        rows.append((d, o, h, l, c, v))
            if len(rows) > W + 1:
                series[name] = np.array(sorted(rows))
    return series


def windows(series):
    by_date = defaultdict(list)
    for a in series.values():
        for d, r in zip(a[1:, 0], np.log(a[1:, 4] / a[:-1, 4])):
            by_date[int(d)].append(r)
    market = {d: (np.mean(v), np.std(v)) for d, v in by_date.items()}
    dates = sorted(market)
    previous = dict(zip(dates[1:], dates[:-1]))
    X, Y, D, LD = [], [], [], []
    for a in series.values():
        o, h, l, c, v = a[:, 1], a[:, 2], a[:, 3], a[:, 4], a[:, 5]
        hi, lo = np.maximum(h, c), np.where(l > 0, np.minimum(l, c), c)
        for e in range(W - 1, len(a) - 1):
            w = slice(e - W + 1, e + 1)
            rets = np.log(c[w][1:] / c[w][:-1])[::-1]
            rng = np.log(hi[w] / lo[w])
            top, bottom = hi[w].max(), lo[w].min()
            own = list(rets) + [np.log(c[e] / c[e - W + 1]), np.sqrt(np.mean(rets ** 2)), rng[-1],
                                rng.mean(), np.log(c[e] / o[e]) if o[e] > 0 else 0.0,
                                (c[e] - bottom) / (top - bottom) if top > bottom else 0.5,
                                np.log((1 + v[e]) / (1 + v[w].mean()))]
            d = int(a[e, 0])
            m0 = market[d]
            m1 = market.get(previous.get(d), (0.0, 0.0))
            weekday = dt.date.fromordinal(d).weekday()
            extra = [m0[0], m0[1], rets[0] - m0[0], m1[0], m1[1], rets[1] - m1[0], rets[0] * m0[0],
                     weekday, np.log(c[e]), np.log1p(c[e] * v[e])]
            X.append(own + extra)
            Y.append(1 if c[e + 1] > c[e] else 0)
            D.append(d)
            LD.append(int(a[e + 1, 0]))
    return np.array(X), np.array(Y), np.array(D), np.array(LD)


def main(root):
    X, Y, D, LD = windows(load(root))
    day = lambda y, m, d: dt.date(y, m, d).toordinal()
    train = (LD < day(2010, 1, 1)) & (D >= day(2000, 1, 1))
    test = (D >= day(2010, 1, 1)) & (D < day(2017, 8, 10))
    years = np.array([dt.date.fromordinal(int(d)).year for d in D])[test]
    y, reversal = Y[test], -X[test][:, 0]
    own = X[:, :11]
    r0 = X[:, :1]
    log_close, log_value = X[:, 19:20], X[:, 20:21]
    sets = {
        'returns v1': own,
        '+ market, same day': np.hstack([own, X[:, 11:14]]),
        '+ market, previous day': np.hstack([own, X[:, 14:17]]),
        '+ market, both, x r0, weekday': np.hstack([own, X[:, 11:19]]),
        '+ log price, log value': np.hstack([own, log_close, log_value]),
        '+ log price, log value, x r0':
            np.hstack([own, log_close, log_value, r0 * log_close, r0 * log_value]),
        '+ log value, x r0 (returns-liquidity)': np.hstack([own, log_value, r0 * log_value]),
    }
    print('train %d windows, test %d, reversal AUC %.4f' % (train.sum(), test.sum(),
                                                          roc_auc_score(y, reversal)))
    for name, Z in sets.items():
        scaler = StandardScaler().fit(Z[train])
        lr = LogisticRegression(C=1e4, max_iter=1000).fit(scaler.transform(Z[train]), Y[train])
        gbt = HistGradientBoostingClassifier(max_iter=60, max_depth=4, random_state=1,
                                             early_stopping=False).fit(Z[train], Y[train])
        for family, scores in (('lr', lr.predict_proba(scaler.transform(Z[test]))[:, 1]),
                               ('gbt', gbt.predict_proba(Z[test])[:, 1])):
            above = sum(roc_auc_score(y[years == k], scores[years == k])
                        > roc_auc_score(y[years == k], reversal[years == k]) for k in sorted(set(years)))
            print('%-3s %-50s test AUC %.4f, above reversal in %d of %d years'
                  % (family, name, roc_auc_score(y, scores), above, len(set(years))), flush=True)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '../shared/data/kaggle')
