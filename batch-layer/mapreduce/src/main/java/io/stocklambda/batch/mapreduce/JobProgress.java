package io.stocklambda.batch.mapreduce;

import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskCounter;

/**
 * Follows a running training-set job from its counters, which both the local runner and YARN keep
 * current: the map side as input bytes consumed of the total (with ticks read, their rate and an
 * ETA), the reduce side as records reduced of those the maps wrote. The job's own {@code
 * mapProgress()} is not used: under the local runner it reports the task at hand, not the job.
 */
final class JobProgress {

  private static final long EVERY_NANOS = 5_000_000_000L;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Job job;
  private final long inputBytes;
  private final PrintStream out;
  private final long started = System.nanoTime();
  private String last = "";
  private long mapsDone;
  private double mapSeconds;

  JobProgress(Job job, long inputBytes, PrintStream out) {
    this.job = job;
    this.inputBytes = Math.max(1, inputBytes);
    this.out = out;
  }

  void followUntilComplete() throws IOException, InterruptedException {
    long lastPrinted = System.nanoTime();
    while (!job.isComplete()) {
      Thread.sleep(500);
      if (System.nanoTime() - lastPrinted >= EVERY_NANOS) {
        lastPrinted = System.nanoTime();
        print();
      }
    }
    print();
  }

  private void print() throws IOException {
    Counters c;
    try {
      c = job.getCounters();
    } catch (IOException | RuntimeException e) {
      return; // between phases the runner may have none to give
    }
    if (c == null) {
      return;
    }
    long bytes = c.findCounter(TrainingSetCounters.INPUT_BYTES).getValue();
    long ticks = c.findCounter(TrainingSetCounters.TICKS).getValue();
    long mapOut = c.findCounter(TaskCounter.MAP_OUTPUT_RECORDS).getValue();
    long reduced = c.findCounter(TaskCounter.REDUCE_INPUT_RECORDS).getValue();
    long windows = c.findCounter(TrainingSetCounters.WINDOWS).getValue();
    double seconds = (System.nanoTime() - started) / 1e9;
    double mapShare = Math.min(1.0, bytes / (double) inputBytes);
    StringBuilder line = new StringBuilder("  " + LocalTime.now().format(TIME) + "  ");
    if (mapShare < 1 && reduced == 0) {
      line.append(
          String.format(
              "map %3.0f%%: %,d of %,d MB, %,d ticks (%,.0f ticks/s)",
              100 * mapShare,
              bytes >> 20,
              inputBytes >> 20,
              ticks,
              ticks / Math.max(seconds, 1e-3)));
      if (bytes > 0) {
        long eta = Math.round(seconds * (1 - mapShare) / mapShare);
        line.append(String.format(", ETA %d:%02d", eta / 60, eta % 60));
      }
    } else {
      if (mapsDone == 0) {
        mapsDone = ticks;
        mapSeconds = seconds;
      }
      line.append(
          String.format(
              "map done: %,d ticks in %.0f s (%,.0f ticks/s)  reduce %3.0f%%: %,d of %,d ticks, %,d windows",
              mapsDone,
              mapSeconds,
              mapsDone / Math.max(mapSeconds, 1e-3),
              100.0 * reduced / Math.max(1, mapOut),
              reduced,
              mapOut,
              windows));
    }
    String text = line.toString();
    if (!text.substring(12).equals(last)) {
      last = text.substring(12);
      out.println(text);
    }
  }
}
