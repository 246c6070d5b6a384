package io.stocklambda.core.dataset;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a batch view holds, written beside it as {@code _VIEW.json} by the batch layer and read by
 * the serving layer's loader: its run, the training set and model it came from, its horizon (the
 * last date covered) and its size.
 */
public record BatchViewInfo(String run, String trainingRun, String modelVersion, LocalDate horizon, long predictions, Instant createdAt) {

  public static final String FILE = "_VIEW.json";
  public static final String HORIZON_FILE = "_HORIZON";
}
