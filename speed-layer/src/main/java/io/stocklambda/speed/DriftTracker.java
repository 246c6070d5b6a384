package io.stocklambda.speed;

import io.stocklambda.core.eval.DriftSnapshot;
import io.stocklambda.core.eval.FeatureDrift;
import io.stocklambda.core.feature.FeatureBins;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelScorer;
import io.stocklambda.core.window.Window;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * One stream task's live windows counted into the current model's training bins (core's {@link
 * FeatureDrift}), published every interval of wall-clock time as a {@link DriftSnapshot} to the
 * drift sink, key {@code <modelVersion>/<task>}. The snapshot is forwarded by the task's own
 * punctuator, so it commits in the task's exactly-once transaction with the ticks it counts.
 *
 * <p>Counting starts afresh when the model's version changes (the replaced model's last counts are
 * sent at once), and when the task starts (counts are kept in memory: a task that moves or restarts
 * publishes counts since then, and its {@code since} says so). A model without bins (an artifact
 * older than them) is not tracked; a task with nothing new since its last snapshot publishes
 * nothing.
 */
final class DriftTracker {

  static final String SINK = "drift-sink";

  private static final JsonCodec<DriftSnapshot> SNAPSHOTS = JsonCodec.of(DriftSnapshot.class);

  private final Duration interval;
  private ProcessorContext<String, byte[]> context;
  private FeatureDrift drift;
  private long published;

  DriftTracker(Duration interval) {
    this.interval = interval;
  }

  void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    // a task re-initialized in place (after an aborted transaction) counts afresh, not twice
    this.drift = null;
    this.published = 0;
    context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::publish);
  }

  /**
   * Counts a window {@code scorer} has just scored. Its features are computed again: for the
   * returns spec a few logarithms over the window, small beside the prediction's JSON and the
   * store's write that each scored tick costs anyway.
   */
  void scored(ModelScorer scorer, Window window) {
    if (drift != null && !drift.modelVersion().equals(scorer.version())) {
      publish(context.currentSystemTimeMs()); // the last counts of the model being replaced
      drift = null;
    }
    FeatureBins bins = scorer.artifact().featureBins();
    if (bins == null) {
      return;
    }
    if (drift == null) {
      drift = new FeatureDrift(scorer.version(), bins, now());
      published = 0;
    }
    drift.add(scorer.featureSpec().features(window));
  }

  /** Sends this task's snapshot, if it counted a window since the last one. */
  void publish(long wallClockMs) {
    if (drift == null || drift.windows() == published) {
      return;
    }
    DriftSnapshot snapshot = drift.snapshot(Instant.ofEpochMilli(wallClockMs));
    context.forward(
        new Record<>(
            snapshot.key(context.taskId().toString()),
            SNAPSHOTS.encode(snapshot),
            wallClockMs,
            new RecordHeaders()),
        SINK);
    published = drift.windows();
  }

  private Instant now() {
    return Instant.ofEpochMilli(context.currentSystemTimeMs());
  }
}
