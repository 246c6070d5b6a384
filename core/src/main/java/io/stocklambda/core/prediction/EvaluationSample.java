package io.stocklambda.core.prediction;

import java.time.LocalDate;

/**
 * Whether a resolved prediction says anything about how the model does on data it has not seen: the
 * accuracy of a model is reported per sample, never mixed.
 *
 * <ul>
 *   <li>{@link #IN_SAMPLE}: a batch-view prediction for a date before the model's newest label, a
 *       window it may have learned from (or older history): a fit, not a forecast;
 *   <li>{@link #OUT_OF_TIME}: a batch-view prediction for a date on or after it: an honest
 *       forecast, scored after the fact;
 *   <li>{@link #LIVE}: a speed-layer prediction, made before the outcome existed;
 *   <li>{@link #UNKNOWN}: a batch-view prediction whose model does not say where its labels end.
 * </ul>
 */
public enum EvaluationSample {
  IN_SAMPLE("in-sample"),
  OUT_OF_TIME("out-of-time"),
  LIVE("live"),
  UNKNOWN("unknown");

  private final String id;

  EvaluationSample(String id) {
    this.id = id;
  }

  /** The name stored with a prediction document and shown by the query API. */
  public String id() {
    return id;
  }

  /**
   * @param labelsBefore the model's training cutoff (no training label on or after it; {@link
   *     io.stocklambda.core.model.TrainingInfo#cutoff()}), or null when unknown
   */
  public static EvaluationSample of(Prediction p, LocalDate labelsBefore) {
    if (p.layer() == Layer.SPEED) {
      return LIVE;
    }
    if (labelsBefore == null) {
      return UNKNOWN;
    }
    return p.date().isBefore(labelsBefore) ? IN_SAMPLE : OUT_OF_TIME;
  }
}
