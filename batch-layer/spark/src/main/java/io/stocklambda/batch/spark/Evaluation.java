package io.stocklambda.batch.spark;

import io.stocklambda.core.eval.BinaryMetrics;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a training run measured on the test period (dates from the cutoff on), for the model and
 * every baseline on the same rows: overall, by year and by price bucket; with ROC curves and the
 * selected model's calibration.
 *
 * @param selected the model family chosen on the validation slice (never on the test period)
 * @param trainYears the years before the end of training it learned from (0: all history), chosen
 *     on the validation slice with the family
 * @param validationAuc AUC of each candidate on the validation slice
 * @param rows one row per (model, slice)
 * @param parityMaxDelta the largest |P(up)| difference between core's scorer on the exported
 *     artifact and Spark's own model, over the test rows
 * @param trainRows windows the selected model learned from (a sample when the period holds more
 *     than the run's cap)
 * @param testRows test windows judged on (likewise a sample)
 * @param size the training set's size and the samples drawn from it
 * @param seconds wall seconds of each step of the run, in order
 */
public record Evaluation(
    String version,
    LocalDate cutoff,
    int embargoDays,
    String selected,
    int trainYears,
    String thesisReplicaStock,
    long trainRows,
    long testRows,
    Map<String, Double> validationAuc,
    List<MetricRow> rows,
    Map<String, List<double[]>> roc,
    List<BinaryMetrics.CalibrationBin> calibration,
    double parityMaxDelta,
    String serving,
    Double servingTestAuc,
    boolean promoted,
    Size size,
    Map<String, Double> seconds) {

  /** Its JSON form, {@code evaluation.json} in the model registry. */
  public static final io.stocklambda.core.json.JsonCodec<Evaluation> JSON =
      io.stocklambda.core.json.JsonCodec.of(Evaluation.class);

  /**
   * The training set and the shares of it a run used.
   *
   * @param windows every window of the set, the unlabeled last window of each stock included
   * @param labeled windows with a label
   * @param train labeled windows of the training period (before the cutoff minus the embargo)
   * @param validation labeled windows of the validation slice
   * @param test labeled windows of the test period
   * @param trainShare share of the training period learned from (1 when it fits the cap)
   * @param validationShare share of the validation slice judged on
   * @param testShare share of the test period judged on
   * @param refused drawn windows left out because a feature is not finite (zero on clean data)
   */
  public record Size(
      long windows,
      long labeled,
      long train,
      long validation,
      long test,
      double trainShare,
      double validationShare,
      double testShare,
      long refused) {}

  /** One model's figures on one slice of the test rows. */
  public record MetricRow(
      String model,
      String slice,
      long n,
      double upShare,
      double auc,
      double accuracy,
      double balancedAccuracy) {}

  public MetricRow overall(String model) {
    return rows.stream()
        .filter(r -> r.model().equals(model) && r.slice().equals("all"))
        .findFirst()
        .orElseThrow();
  }

  /**
   * The headline figures on the console: every model and baseline on the test period, parity, the
   * promotion decision.
   */
  public void print(java.io.PrintStream out) {
    out.printf(
        "%nmodel %s (%s, learned from %s), test period from %s, %,d windows:%n",
        version(),
        selected(),
        trainYears() == 0 ? "all history" : "the last " + trainYears() + " years",
        cutoff(),
        testRows());
    out.printf("  %-16s %8s %9s %18s%n", "model", "AUC", "accuracy", "balanced accuracy");
    for (Evaluation.MetricRow r : rows()) {
      if (r.slice().equals("all")) {
        out.printf(
            "  %-16s %8.4f %9.4f %18.4f%s%n",
            r.model(),
            r.auc(),
            r.accuracy(),
            r.balancedAccuracy(),
            r.model().equals(selected()) ? "   <- selected" : "");
      }
    }
    out.printf("parity of the exported artifact with Spark: max |dp| = %.2e%n", parityMaxDelta());
    out.printf(
        "serving model: %s%s; %s%n",
        serving() == null ? "none" : serving(),
        servingTestAuc() == null ? "" : String.format(" (test AUC %.4f)", servingTestAuc()),
        promoted() ? "this model is now CURRENT" : "this model did not replace it");
  }
}
