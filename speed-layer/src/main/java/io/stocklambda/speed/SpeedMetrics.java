package io.stocklambda.speed;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and end-to-end latency (from the tick's record timestamp to its scoring), shared by the
 * stream threads; {@link #snapshot} reads and resets the latency interval.
 */
public final class SpeedMetrics {

  final LongAdder ticks = new LongAdder();
  final LongAdder predictions = new LongAdder();
  final LongAdder outcomes = new LongAdder();
  final LongAdder correct = new LongAdder();
  final LongAdder duplicates = new LongAdder();
  final LongAdder outOfOrder = new LongAdder();
  final LongAdder poison = new LongAdder();
  final LongAdder unscored = new LongAdder();
  final LongAdder shadowPredictions = new LongAdder();
  final LongAdder monitorFailures = new LongAdder();
  final AtomicReference<String> modelVersion = new AtomicReference<>("none");
  private final Recorder latency = new Recorder(3);

  void latency(long millis) {
    latency.recordValue(Math.max(0, millis));
  }

  /** Figures since the start, and latency percentiles since the last snapshot. */
  public record Snapshot(
      long ticks,
      long predictions,
      long outcomes,
      long correct,
      long duplicates,
      long outOfOrder,
      long poison,
      long unscored,
      long shadowPredictions,
      long monitorFailures,
      String modelVersion,
      long p50,
      long p99,
      long p999,
      long maxLatency) {

    public String describe(double ticksPerSecond) {
      return String.format(
          "%,.0f ticks/s; %,d ticks, %,d predictions, %,d outcomes (hit rate %s), %,d duplicate, %,d out of order, "
              + "%,d poison, %,d waiting for a model, %,d shadow predictions, %,d shadow or drift failures; latency p50 %d ms, p99 %d ms, p99.9 %d ms; model %s",
          ticksPerSecond,
          ticks,
          predictions,
          outcomes,
          outcomes == 0 ? "-" : String.format("%.1f%%", 100.0 * correct / outcomes),
          duplicates,
          outOfOrder,
          poison,
          unscored,
          shadowPredictions,
          monitorFailures,
          p50,
          p99,
          p999,
          modelVersion);
    }
  }

  public Snapshot snapshot() {
    Histogram h = latency.getIntervalHistogram();
    return new Snapshot(
        ticks.sum(),
        predictions.sum(),
        outcomes.sum(),
        correct.sum(),
        duplicates.sum(),
        outOfOrder.sum(),
        poison.sum(),
        unscored.sum(),
        shadowPredictions.sum(),
        monitorFailures.sum(),
        modelVersion.get(),
        h.getValueAtPercentile(50),
        h.getValueAtPercentile(99),
        h.getValueAtPercentile(99.9),
        h.getMaxValue());
  }
}
