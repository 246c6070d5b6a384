package io.stocklambda.bench;

import java.time.LocalDate;
import org.HdrHistogram.Histogram;

/**
 * One stage's latencies, in ms from a probe's send until the stage served its prediction: all of
 * them, and apart those of the probes of the first and of the second half of a rate's trading days
 * (by the tick's day, not the clock, so a sender behind its schedule moves no probe). A backlog
 * that grows shows as a second half slower than the first, by about what piled up in between; one
 * that does not, as two halves alike.
 */
final class StageLatency {
  final Histogram all = new Histogram(3_600_000L, 3);
  final Histogram firstHalf = new Histogram(3_600_000L, 3);
  final Histogram secondHalf = new Histogram(3_600_000L, 3);
  private final LocalDate middle;

  /**
   * @param middle the second half's first trading day ({@link EndToEndRuns#middleDay})
   */
  StageLatency(LocalDate middle) {
    this.middle = middle;
  }

  /** Records a probe seen at {@code seenAt} (epoch ms). */
  void record(EndToEndRuns.Probe probe, long seenAt) {
    long ms = Math.max(0, seenAt - probe.sentAt());
    all.recordValue(ms);
    (probe.date().isBefore(middle) ? firstHalf : secondHalf).recordValue(ms);
  }
}
