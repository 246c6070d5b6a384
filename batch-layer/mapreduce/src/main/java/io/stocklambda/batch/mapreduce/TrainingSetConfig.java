package io.stocklambda.batch.mapreduce;

import io.stocklambda.core.csv.MalformedLimit;
import io.stocklambda.core.dataset.MasterLayout;
import java.util.Objects;

/**
 * What the training-set job is told: where the master dataset is, the run, the window, the
 * reducers, the framework.
 *
 * @param reducers reduce tasks; 0 sizes them from the input (one per {@link
 *     TrainingSetJob#BYTES_PER_REDUCER}, at least 2)
 * @param framework {@code local} (the local job runner, against the given file system) or {@code
 *     yarn}
 * @param scratch local directory for the local runner's intermediate files, deleted at the end
 * @param maxMalformed the most malformed lines the input may hold before the set is refused
 */
public record TrainingSetConfig(
    String hdfs,
    MasterLayout layout,
    String run,
    int windowSize,
    int reducers,
    String framework,
    String scratch,
    MalformedLimit maxMalformed) {
  public TrainingSetConfig {
    Objects.requireNonNull(hdfs, "hdfs");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(maxMalformed, "maxMalformed");
    if (windowSize < 2) {
      throw new IllegalArgumentException("--window must be at least 2");
    }
    if (reducers < 0) {
      throw new IllegalArgumentException(
          "--reducers must not be negative (0 sizes them from the input)");
    }
    if (!framework.equals("local") && !framework.equals("yarn")) {
      throw new IllegalArgumentException(
          "--framework must be local or yarn, was '" + framework + "'");
    }
  }

  public TrainingSetConfig(
      String hdfs,
      MasterLayout layout,
      String run,
      int windowSize,
      int reducers,
      String framework,
      String scratch) {
    this(hdfs, layout, run, windowSize, reducers, framework, scratch, MalformedLimit.DEFAULT);
  }
}
