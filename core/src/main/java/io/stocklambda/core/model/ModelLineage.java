package io.stocklambda.core.model;

import io.stocklambda.core.dataset.DatasetSnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a model version comes from, written once by its training run ({@code lineage.json}): enough
 * to tell what it learned from and to train it again.
 *
 * @param trainingRun the training set's run name
 * @param trainingSet the training set's qualified path
 * @param snapshot the part of the master dataset that training set was built from; null when the
 *     set predates snapshots
 * @param codeVersion the build that trained it ({@link BuildInfo#codeVersion()})
 * @param parameters the training options, by option name without dashes ({@code cutoff}, {@code
 *     train-years}, ...)
 * @param trainedBy the user that ran the training (Hadoop's user name)
 * @param trainedAt when the training ended
 */
public record ModelLineage(
    String version,
    String trainingRun,
    String trainingSet,
    DatasetSnapshot snapshot,
    String codeVersion,
    Map<String, String> parameters,
    String trainedBy,
    Instant trainedAt) {

  public ModelLineage {
    parameters = parameters == null ? Map.of() : new TreeMap<>(parameters);
  }
}
