package io.stocklambda.core.dataset;

/**
 * The Kafka topics that connect the layers; names are contracts, keys and values are core records.
 */
public final class Topics {

  /** Tick JSON keyed by stock: the replay and live input. */
  public static final String TICKS = "ticks";

  /**
   * Prediction JSON keyed by stock, one record a tick (the new call carrying the resolved one in
   * {@code resolved}: {@link io.stocklambda.core.prediction.PredictionJson}): the speed view.
   */
  public static final String PREDICTIONS = "predictions";

  /**
   * Prediction JSON of candidate models, keyed by stock, one record a tick as on {@link
   * #PREDICTIONS}: scored by the speed layer beside the current model's, never served (see {@link
   * #shadow}).
   */
  public static final String SHADOW_PREDICTIONS = "predictions-shadow";

  /**
   * Model artifact JSON keyed by model name (the current model), or by {@code
   * <name>/candidate/<version>} (a candidate scored in shadow, see {@code ModelKeys}); compacted.
   */
  public static final String MODELS = "models";

  /**
   * {@code DriftSnapshot} JSON keyed by {@code <modelVersion>/<task>}: live windows counted into
   * the model's training bins, per speed-layer task; compacted.
   */
  public static final String FEATURE_DRIFT = "feature-drift";

  /** Records that could not be read, as received, with the error in headers. */
  public static final String TICKS_DLQ = "ticks-dlq";

  /** Headers a dead-lettered record carries. */
  public static final String HEADER_ERROR = "stocklambda.error";

  public static final String HEADER_SOURCE_TOPIC = "stocklambda.source.topic";
  public static final String HEADER_SOURCE_PARTITION = "stocklambda.source.partition";
  public static final String HEADER_SOURCE_OFFSET = "stocklambda.source.offset";
  public static final String HEADER_FAILED_BY = "stocklambda.failed.by";

  private Topics() {}

  /**
   * The shadow topic of a predictions topic: {@code predictions} has {@code predictions-shadow}.
   */
  public static String shadow(String predictionsTopic) {
    return predictionsTopic + "-shadow";
  }

  /** The dead-letter topic of a topic: {@code ticks} has {@code ticks-dlq}. */
  public static String deadLetters(String topic) {
    return topic + "-dlq";
  }
}
