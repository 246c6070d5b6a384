package io.stocklambda.serving.drift;

import io.stocklambda.core.eval.DriftSnapshot;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a {@link DriftBoard}'s per-version sums as points of a time series (Elasticsearch's
 * feature-drift index, which the Kibana dashboard draws): every {@link #PERIOD}, each version whose
 * latest snapshot is newer than the one last recorded. A failed write is logged and tried again
 * with the next period's sums; nothing else waits on it.
 */
public final class DriftRecorder implements AutoCloseable {

  /** How often the board is looked at: the speed layer's default snapshot interval. */
  public static final Duration PERIOD = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(DriftRecorder.class);

  /** Where the points go. */
  @FunctionalInterface
  public interface Sink {
    /**
     * @throws IOException if the points could not be written (they are offered again later)
     */
    void write(Collection<DriftSnapshot> snapshots) throws IOException;
  }

  private final DriftBoard board;
  private final Sink sink;
  private final Map<String, Instant> recorded = new HashMap<>();
  private ScheduledExecutorService timer;
  private boolean failing;

  public DriftRecorder(DriftBoard board, Sink sink) {
    this.board = board;
    this.sink = sink;
  }

  /** Records every {@code period} on a daemon thread of its own. */
  public DriftRecorder start(Duration period) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "drift-recorder");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(
        this::recordQuietly, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * Writes the versions whose snapshot is newer than the last recorded.
   *
   * @return the snapshots written
   * @throws IOException from the sink; nothing is marked recorded then
   */
  public synchronized List<DriftSnapshot> record() throws IOException {
    List<DriftSnapshot> fresh = new ArrayList<>();
    for (DriftSnapshot s : board.versions()) {
      Instant last = recorded.get(s.modelVersion());
      if (s.at() != null && (last == null || s.at().isAfter(last))) {
        fresh.add(s);
      }
    }
    if (!fresh.isEmpty()) {
      sink.write(fresh);
      fresh.forEach(s -> recorded.put(s.modelVersion(), s.at()));
    }
    return fresh;
  }

  private void recordQuietly() {
    try {
      record();
      if (failing) {
        LOG.info("feature drift recorded again");
        failing = false;
      }
    } catch (IOException | RuntimeException e) {
      if (!failing) {
        LOG.warn("feature drift not recorded (tried again each period): {}", e.toString());
      }
      failing = true;
    }
  }

  /** Stops recording; a write in progress is given 10 s to finish. */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdown();
      try {
        if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
          timer.shutdownNow();
        }
      } catch (InterruptedException e) {
        timer.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }
}
