package io.stocklambda.core.eval;

import java.util.Arrays;

/**
 * Two models' AUCs on the same rows, compared with DeLong's paired test: the difference, its
 * standard error from the covariance of the two AUCs' placement values, and the z statistic.
 *
 * <p>Source: E. R. DeLong, D. M. DeLong, D. L. Clarke-Pearson, "Comparing the areas under two or
 * more correlated receiver operating characteristic curves: a nonparametric approach", Biometrics
 * 44 (1988) 837-845; computed with midranks as in X. Sun, W. Xu, "Fast implementation of DeLong's
 * algorithm", IEEE Signal Processing Letters 21 (2014) 1389-1393, in O(n log n).
 *
 * @param positives rows labeled 1 (up)
 * @param negatives rows labeled 0
 * @param aucA AUC of the first scores (ties counted half, as {@link BinaryMetrics#auc})
 * @param aucB AUC of the second scores
 * @param difference {@code aucA - aucB}
 * @param standardError standard error of the difference; 0 when the two score the rows alike
 * @param z {@code difference / standardError}: 0 when both are 0, infinite when only the error is
 */
public record AucComparison(
    long positives,
    long negatives,
    double aucA,
    double aucB,
    double difference,
    double standardError,
    double z) {

  /**
   * The one-sided 5% critical value of the standard normal distribution, Φ<sup>-1</sup>(0.95): a
   * difference with {@code z} above it is one chance in twenty or less under "no better".
   */
  public static final double Z_ONE_SIDED_5_PERCENT = 1.6448536269514722;

  /**
   * @param a the first model's scores, one per row
   * @param b the second model's scores on the same rows
   * @param labels 0 or 1 per row
   * @throws IllegalArgumentException if the arrays differ in length, a label is not 0 or 1, or a
   *     class has fewer than two rows (no variance can be estimated)
   */
  public static AucComparison delong(double[] a, double[] b, int[] labels) {
    if (a.length != b.length || a.length != labels.length) {
      throw new IllegalArgumentException(
          "scores and labels differ in length: "
              + a.length
              + ", "
              + b.length
              + ", "
              + labels.length);
    }
    int m = 0;
    for (int label : labels) {
      if (label != 0 && label != 1) {
        throw new IllegalArgumentException("labels must be 0 or 1, found " + label);
      }
      m += label;
    }
    int n = labels.length - m;
    if (m < 2 || n < 2) {
      throw new IllegalArgumentException(
          "DeLong's test needs at least two rows of each class, found "
              + m
              + " up and "
              + n
              + " not up");
    }
    Placements pa = Placements.of(a, labels, m, n);
    Placements pb = Placements.of(b, labels, m, n);
    double s10 =
        variance(pa.v10, pa.auc)
            + variance(pb.v10, pb.auc)
            - 2 * cov(pa.v10, pb.v10, pa.auc, pb.auc);
    double s01 =
        variance(pa.v01, pa.auc)
            + variance(pb.v01, pb.auc)
            - 2 * cov(pa.v01, pb.v01, pa.auc, pb.auc);
    double variance = Math.max(0, s10 / m + s01 / n);
    double se = Math.sqrt(variance);
    double difference = pa.auc - pb.auc;
    double z =
        se > 0
            ? difference / se
            : difference == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, difference);
    return new AucComparison(m, n, pa.auc, pb.auc, difference, se, z);
  }

  /** Whether the first model is better at the one-sided level whose critical value is given. */
  public boolean firstIsBetter(double criticalZ) {
    return difference > 0 && z > criticalZ;
  }

  private static double variance(double[] v, double mean) {
    return cov(v, v, mean, mean);
  }

  /** The sample covariance (denominator n - 1); both placement vectors have the AUC as mean. */
  private static double cov(double[] x, double[] y, double meanX, double meanY) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += (x[i] - meanX) * (y[i] - meanY);
    }
    return sum / (x.length - 1);
  }

  /**
   * One model's placement values: for each positive, the share of negatives it outranks (ties
   * half); for each negative, the share of positives that outrank it. Both average to the AUC.
   */
  private record Placements(double auc, double[] v10, double[] v01) {

    static Placements of(double[] scores, int[] labels, int m, int n) {
      double[] x = new double[m];
      double[] y = new double[n];
      double[] z = new double[m + n];
      int i = 0;
      int j = 0;
      for (int k = 0; k < labels.length; k++) {
        if (labels[k] == 1) {
          x[i++] = scores[k];
        } else {
          y[j++] = scores[k];
        }
      }
      System.arraycopy(x, 0, z, 0, m);
      System.arraycopy(y, 0, z, m, n);
      double[] tx = midranks(x);
      double[] ty = midranks(y);
      double[] tz = midranks(z);
      double[] v10 = new double[m];
      double[] v01 = new double[n];
      double rankSum = 0;
      for (int k = 0; k < m; k++) {
        v10[k] = (tz[k] - tx[k]) / n;
        rankSum += tz[k];
      }
      for (int k = 0; k < n; k++) {
        v01[k] = 1.0 - (tz[m + k] - ty[k]) / m;
      }
      double auc = (rankSum - m * (m + 1.0) / 2.0) / ((double) m * n);
      return new Placements(auc, v10, v01);
    }
  }

  /** 1-based ranks, ties given the mean of the ranks they span. */
  static double[] midranks(double[] values) {
    int n = values.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (p, q) -> Double.compare(values[p], values[q]));
    double[] ranks = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && values[order[j + 1]] == values[order[i]]) {
        j++;
      }
      double mid = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = mid;
      }
      i = j + 1;
    }
    return ranks;
  }
}
