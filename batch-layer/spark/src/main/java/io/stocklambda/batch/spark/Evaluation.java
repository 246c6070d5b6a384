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
 * @param selected        the model family chosen on the validation slice (never on the test period)
 * @param trainYears      the years before the end of training it learned from (0: all history),
 *                        chosen on the validation slice with the family
 * @param validationAuc   AUC of each candidate on the validation slice
 * @param rows            one row per (model, slice)
 * @param parityMaxDelta  the largest |P(up)| difference between core's scorer on the exported
 *                        artifact and Spark's own model, over the test rows
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
    boolean promoted) {

  /** One model's figures on one slice of the test rows. */
  public record MetricRow(String model, String slice, long n, double upShare, double auc, double accuracy, double balancedAccuracy) {}

  public MetricRow overall(String model) {
    return rows.stream().filter(r -> r.model().equals(model) && r.slice().equals("all")).findFirst().orElseThrow();
  }
}
