package io.stocklambda.core.prediction;

import java.time.LocalDate;

/**
 * Whether a resolved prediction says anything about how the model does on data it has not seen: the
 * accuracy of a model is reported per sample, never mixed.
 *
 * <ul>
 *   <li>{@link #IN_SAMPLE}: a batch-view prediction whose window the model may have learned from:
 *       dated before the day before its training cutoff (a window's label comes from a later row,
 *       so only a window dated before the last label day can have its label before the cutoff), or
 *       older history: a fit, not a forecast;
 *   <li>{@link #OUT_OF_TIME}: any later batch-view prediction, whose label the model cannot have
 *       seen: an honest forecast, scored after the fact;
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
    return p.date().isBefore(labelsBefore.minusDays(1)) ? IN_SAMPLE : OUT_OF_TIME;
  }
}
