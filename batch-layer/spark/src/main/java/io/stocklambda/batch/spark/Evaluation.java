package io.stocklambda.batch.spark;

import io.stocklambda.core.eval.BinaryMetrics;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a training run measured on the test period (from the cutoff to the promotion slice), for the
 * model and every baseline on the same rows: overall, by year and by price bucket; with ROC curves
 * and the selected model's calibration. Then the promotion decision, taken on the most recent
 * slice, and the deployed refit on every labeled window.
 *
 * @param cutoff first date of the test period; the evaluated fit's labels all precede it
 * @param validationStart first date of the validation slice
 * @param promotionStart first date of the promotion slice, where the test period ends
 * @param selected the model family chosen on the validation slice (never on the test period), by
 *     the one-standard-error rule ({@link Candidate#chosen})
 * @param trainYears the years before the end of training it learned from (0: all history), chosen
 *     on the validation slice with the family
 * @param validationAuc AUC of each candidate on the validation slice
 * @param validationStandardError the best validation AUC's standard error (Hanley and McNeil): the
 *     one-standard-error rule's margin
 * @param rows one row per (model, slice)
 * @param parityMaxDelta the largest |P(up)| difference between core's scorer on the exported
 *     evaluated fit and Spark's own model, over the test rows
 * @param promotion the promotion slice's figures and the serving model's
 * @param promoted whether this version became CURRENT
 * @param deployed the refit that serves
 * @param trainRows windows the selected model learned from (a sample when the period holds more
 *     than the run's cap)
 * @param testRows test windows judged on (likewise a sample)
 * @param size the training set's size and the samples drawn from it
 * @param seconds wall seconds of each step of the run, in order
 */
public record Evaluation(
    String version,
    LocalDate cutoff,
    LocalDate validationStart,
    LocalDate promotionStart,
    String selected,
    int trainYears,
    String thesisReplicaStock,
    long trainRows,
    long testRows,
    Map<String, Double> validationAuc,
    double validationStandardError,
    List<MetricRow> rows,
    Map<String, List<double[]>> roc,
    List<BinaryMetrics.CalibrationBin> calibration,
    double parityMaxDelta,
    PromotionCheck promotion,
    boolean promoted,
    DeployedFit deployed,
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
   * @param train labeled windows of the training period (label row before the cutoff)
   * @param validation labeled windows of the validation slice
   * @param afterCutoff labeled windows of the test period and the promotion slice
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
      long afterCutoff,
      double trainShare,
      double validationShare,
      double testShare,
      long refused) {}

  /**
   * The promotion decision's figures, on the promotion slice.
   *
   * @param from first date of the slice
   * @param to its last labeled window's date
   * @param windows labeled windows judged on (a sample at the test period's share)
   * @param auc the new evaluated fit's AUC there
   * @param reversalAuc the reversal rule's, for scale
   * @param serving the serving version, or null when none serves
   * @param servingAuc the serving version's evaluated fit's AUC on the same windows; null when it
   *     cannot be compared
   * @param comparison DeLong's paired test, the new model first; null when not compared
   * @param note why the serving model was not compared, or null
   */
  public record PromotionCheck(
      LocalDate from,
      LocalDate to,
      long windows,
      double auc,
      double reversalAuc,
      String serving,
      Double servingAuc,
      io.stocklambda.core.eval.AucComparison comparison,
      String note) {}

  /**
   * The deployed refit: the selected family and horizon, fitted again on every labeled window up to
   * the newest label (a seeded sample of at most {@code --max-train-rows}); it is what {@code
   * model.json} holds and what serves. It has no out-of-sample figure: the evaluated fit stands for
   * it.
   *
   * @param from first window date it learned from
   * @param to last window date it learned from
   * @param rows windows it learned from
   * @param labelsBefore the day after its newest label
   * @param parityMaxDelta core's scorer against Spark's model on the promotion slice's rows
   */
  public record DeployedFit(
      LocalDate from, LocalDate to, long rows, LocalDate labelsBefore, double parityMaxDelta) {}

  /** The serving version when this one was trained, or null. */
  public String serving() {
    return promotion.serving();
  }

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
    PromotionCheck p = promotion();
    out.printf(
        "promotion slice %s to %s, %,d windows: this model AUC %.4f (reversal %.4f)%n",
        p.from(), p.to(), p.windows(), p.auc(), p.reversalAuc());
    out.printf(
        "  serving model: %s%s; %s%n",
        serving() == null ? "none" : serving(),
        p.comparison() != null
            ? String.format(
                " (AUC %.4f; difference %+.4f, standard error %.4f, z %.2f, DeLong)",
                p.servingAuc(),
                p.comparison().difference(),
                p.comparison().standardError(),
                p.comparison().z())
            : p.note() == null ? "" : " (" + p.note() + ")",
        promoted() ? "this model is now CURRENT" : "this model did not replace it");
    out.printf(
        "deployed fit: %,d windows from %s to %s, labels before %s; parity with Spark max |dp| = %.2e%n",
        deployed().rows(),
        deployed().from(),
        deployed().to(),
        deployed().labelsBefore(),
        deployed().parityMaxDelta());
  }
}
