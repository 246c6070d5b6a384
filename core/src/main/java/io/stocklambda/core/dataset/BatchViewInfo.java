package io.stocklambda.core.dataset;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a batch view holds, written beside it as {@code _VIEW.json} by the batch layer and read by
 * the serving layer's loader: its run, the training set and model it came from, its horizon (the
 * last date covered) and its size.
 *
 * @param hbaseVersion the HBase cell version of the view's HFiles under {@code _hfiles/} (its
 *     creation time in epoch milliseconds), or null for a view without HFiles (a backfill, or a
 *     view of an older build), which the serving layer loads by puts
 * @param modelLabelsBefore the model's training cutoff: its predictions for earlier dates are in
 *     sample, the others out of time ({@link io.stocklambda.core.prediction.EvaluationSample});
 *     null for a view of an older build
 */
public record BatchViewInfo(
    String run,
    String trainingRun,
    String modelVersion,
    LocalDate horizon,
    long predictions,
    Instant createdAt,
    Long hbaseVersion,
    LocalDate modelLabelsBefore) {

  public BatchViewInfo(
      String run,
      String trainingRun,
      String modelVersion,
      LocalDate horizon,
      long predictions,
      Instant createdAt) {
    this(run, trainingRun, modelVersion, horizon, predictions, createdAt, null, null);
  }

  public static final String FILE = "_VIEW.json";
  public static final String HORIZON_FILE = "_HORIZON";
}
