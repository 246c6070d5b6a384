package io.stocklambda.batch.spark;

import io.stocklambda.core.dataset.TrainingLine;
import io.stocklambda.core.eval.AucComparison;
import io.stocklambda.core.eval.BinaryMetrics;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelScorer;
import io.stocklambda.core.window.Window;
import io.stocklambda.hdfs.ModelRegistry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The promotion decision's evidence: the new evaluated fit and the serving version's evaluated fit
 * scored by core on the promotion slice, compared by DeLong's paired test; and, on the same rows,
 * the parity of the deployed refit's exported artifact with Spark's model.
 */
final class PromotionSlice {

  /** The check, and the deployed artifact's largest |P(up)| difference from Spark's. */
  record Outcome(Evaluation.PromotionCheck check, double deployedParity) {}

  private PromotionSlice() {}

  /**
   * Why a serving model's evaluated fit cannot be compared on the slice, or null when it can.
   *
   * @param servingEvaluated the serving version's evaluated fit
   */
  static String incomparable(ModelArtifact servingEvaluated, int windowSize, LocalDate from) {
    if (servingEvaluated.featureSpec().windowSize() != windowSize) {
      return "it scores windows of " + servingEvaluated.featureSpec().windowSize() + " ticks";
    }
    LocalDate cutoff =
        servingEvaluated.training() == null ? null : servingEvaluated.training().cutoff();
    if (cutoff == null || cutoff.isAfter(from)) {
      return "its evaluated fit learned from labels up to "
          + (cutoff == null ? "an unknown date" : cutoff.minusDays(1))
          + ", inside the promotion slice";
    }
    return null;
  }

  /**
   * @param scored the slice's sampled rows with {@code p_dep}, Spark's probability of the deployed
   *     refit
   * @param candidate the new evaluated fit
   * @param deployed the new deployed refit's artifact
   * @param serving the serving version, or null
   * @param servingEvaluated its evaluated fit when it can be compared, else null
   * @param note why it cannot be compared, or null
   */
  static Outcome check(
      Dataset<Row> scored,
      ModelArtifact candidate,
      ModelArtifact deployed,
      String serving,
      ModelArtifact servingEvaluated,
      String note,
      LocalDate from,
      LocalDate to) {
    List<double[]> rows =
        scored
            .mapPartitions(
                new Scores(
                    ModelRegistry.ARTIFACTS.encodeToString(candidate),
                    ModelRegistry.ARTIFACTS.encodeToString(deployed),
                    servingEvaluated == null
                        ? null
                        : ModelRegistry.ARTIFACTS.encodeToString(servingEvaluated)),
                Encoders.kryo(double[].class))
            .collectAsList();
    int n = rows.size();
    int[] labels = new int[n];
    double[] mine = new double[n];
    double[] theirs = new double[n];
    double[] reversal = new double[n];
    double parity = 0;
    for (int i = 0; i < n; i++) {
      double[] r = rows.get(i);
      labels[i] = (int) r[0];
      reversal[i] = -r[1];
      mine[i] = r[2];
      theirs[i] = r[3];
      parity = Math.max(parity, Math.abs(r[4] - r[5]));
    }
    AucComparison comparison = null;
    String why = note;
    if (servingEvaluated != null) {
      try {
        comparison = AucComparison.delong(mine, theirs, labels);
      } catch (IllegalArgumentException e) {
        why = "too few windows to compare: " + e.getMessage();
      }
    } else if (serving != null && why == null) {
      why = "not comparable";
    }
    Evaluation.PromotionCheck check =
        new Evaluation.PromotionCheck(
            from,
            to,
            n,
            n == 0 ? Double.NaN : BinaryMetrics.auc(mine, labels),
            n == 0 ? Double.NaN : BinaryMetrics.auc(reversal, labels),
            serving,
            comparison == null ? null : comparison.aucB(),
            comparison,
            comparison == null ? why : null);
    return new Outcome(check, n == 0 ? Double.NaN : parity);
  }

  /**
   * Per row: label, last return, the candidate's probability, the serving fit's (NaN when none),
   * the deployed artifact's by core and by Spark.
   */
  static final class Scores implements MapPartitionsFunction<Row, double[]> {
    private static final long serialVersionUID = 1L;

    private final String candidate;
    private final String deployed;
    private final String serving;

    Scores(String candidate, String deployed, String serving) {
      this.candidate = candidate;
      this.deployed = deployed;
      this.serving = serving;
    }

    @Override
    public Iterator<double[]> call(Iterator<Row> rows) {
      ModelScorer mine = ModelScorer.of(ModelRegistry.ARTIFACTS.decode(candidate));
      ModelScorer refit = ModelScorer.of(ModelRegistry.ARTIFACTS.decode(deployed));
      ModelScorer theirs =
          serving == null ? null : ModelScorer.of(ModelRegistry.ARTIFACTS.decode(serving));
      List<double[]> out = new ArrayList<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        Window window = TrainingLine.parse(r.getAs("line")).window();
        out.add(
            new double[] {
              r.<Double>getAs("label"),
              r.<Double>getAs("lastReturn"),
              mine.probabilityUp(window),
              theirs == null ? Double.NaN : theirs.probabilityUp(window),
              refit.probabilityUp(window),
              r.<Vector>getAs("p_dep").apply(1)
            });
      }
      return out.iterator();
    }
  }
}
