package io.stocklambda.batch.spark;

import io.stocklambda.core.eval.BinaryMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;

/**
 * The test period's rows once scored, in plain Java: each row's label, year, last close and last
 * return, every model's probability and the exported artifact's; and from them every figure of the
 * evaluation, the model next to each baseline on the very same rows (overall, by year, by price
 * band). No Spark here, so it is tested as it is.
 */
final class TestScores {

  static final String LR = "lr";
  static final String GBT = "gbt";
  static final String THESIS = "thesis-replica";
  static final String MOMENTUM = "momentum";
  static final String REVERSAL = "reversal";
  static final String ALWAYS_UP = "always-up";
  static final String ALWAYS_NOT_UP = "always-not-up";

  /** Every model and baseline, in report order. */
  static final List<String> MODELS =
      List.of(GBT, LR, THESIS, REVERSAL, MOMENTUM, ALWAYS_UP, ALWAYS_NOT_UP);

  /** The ones also reported by year and by price band. */
  static final List<String> SLICED = List.of(GBT, LR, THESIS, REVERSAL);

  static final List<String> BUCKETS =
      List.of("under 1", "1 to 5", "5 to 20", "20 to 100", "100 and over");

  /**
   * One test row.
   *
   * @param close the window's last close, for the price band
   * @param lastReturn the window's last return, the momentum and reversal rules' score
   * @param core the exported artifact's probability, by core's scorer
   * @param sparkSelected Spark's probability of the selected family, to compare with {@code core}
   */
  record TestRow(
      int label,
      int year,
      double close,
      double lastReturn,
      double pLr,
      double pGbt,
      double pThesis,
      double core,
      double sparkSelected) {

    /** The row as Spark's job collects it: the nine doubles in this record's order. */
    static TestRow of(double[] r) {
      return new TestRow((int) r[0], (int) r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]);
    }

    String bucket() {
      return close < 1
          ? BUCKETS.get(0)
          : close < 5
              ? BUCKETS.get(1)
              : close < 20 ? BUCKETS.get(2) : close < 100 ? BUCKETS.get(3) : BUCKETS.get(4);
    }
  }

  private final List<TestRow> rows;
  private final int[] labels;

  TestScores(List<TestRow> rows) {
    this.rows = List.copyOf(rows);
    this.labels = rows.stream().mapToInt(TestRow::label).toArray();
  }

  int[] labels() {
    return labels;
  }

  int size() {
    return rows.size();
  }

  /** A model's scores: probabilities for the models, the sign of the last move for the rules. */
  double[] score(String model) {
    ToDoubleFunction<TestRow> f =
        switch (model) {
          case LR -> TestRow::pLr;
          case GBT -> TestRow::pGbt;
          case THESIS -> TestRow::pThesis;
          case MOMENTUM -> TestRow::lastReturn;
          case REVERSAL -> r -> -r.lastReturn();
          case ALWAYS_UP -> r -> 1.0;
          case ALWAYS_NOT_UP -> r -> 0.0;
          default -> throw new IllegalArgumentException("no model " + model);
        };
    return rows.stream().mapToDouble(f).toArray();
  }

  /** Probabilities are called up above 0.5; the momentum and reversal rules above 0. */
  static double threshold(String model) {
    return model.equals(MOMENTUM) || model.equals(REVERSAL) ? 0.0 : 0.5;
  }

  /** The largest difference between core's and Spark's probability of the selected model. */
  double parityMaxDelta() {
    return rows.stream().mapToDouble(r -> Math.abs(r.core() - r.sparkSelected())).max().orElse(0);
  }

  /**
   * Every model and baseline on the same rows: overall, then the sliced ones by year and by price
   * band.
   */
  List<Evaluation.MetricRow> metrics() {
    List<Evaluation.MetricRow> out = new ArrayList<>();
    for (String model : MODELS) {
      out.add(row(model, "all", i -> true));
    }
    List<Integer> years = rows.stream().map(TestRow::year).distinct().sorted().toList();
    for (String model : SLICED) {
      for (int year : years) {
        out.add(row(model, "year " + year, i -> rows.get(i).year() == year));
      }
      for (String bucket : BUCKETS) {
        out.add(row(model, "price " + bucket, i -> rows.get(i).bucket().equals(bucket)));
      }
    }
    return out;
  }

  private Evaluation.MetricRow row(String model, String slice, IntPredicate keep) {
    double[] all = score(model);
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (keep.test(i)) {
        kept.add(i);
      }
    }
    BinaryMetrics m =
        BinaryMetrics.of(
            kept.stream().mapToDouble(i -> all[i]).toArray(),
            kept.stream().mapToInt(i -> labels[i]).toArray(),
            threshold(model));
    return new Evaluation.MetricRow(
        model, slice, m.n(), m.upShare(), m.auc(), m.accuracy(), m.balancedAccuracy());
  }
}
