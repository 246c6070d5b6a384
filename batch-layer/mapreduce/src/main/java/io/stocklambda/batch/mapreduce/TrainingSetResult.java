package io.stocklambda.batch.mapreduce;

import java.util.List;
import java.util.Map;

/**
 * What the job read and wrote.
 *
 * @param rejection why the set was refused (and deleted), or null when it was written
 * @param malformed the first malformed lines, with file and byte offset
 */
public record TrainingSetResult(
    String output,
    int inputFiles,
    long inputBytes,
    int reducers,
    Map<TrainingSetCounters, Long> counters,
    double seconds,
    String rejection,
    List<String> malformed) {
  public long count(TrainingSetCounters counter) {
    return counters.getOrDefault(counter, 0L);
  }

  public boolean rejected() {
    return rejection != null;
  }
}
