package io.stocklambda.bench;

import io.stocklambda.core.tick.Tick;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** The warm-up before each measured run of {@code bench speed}. */
final class SpeedWarmUp {

  private final String bootstrap;
  private final int warmupTicks;
  private final int warmupSeconds;
  private final double jitCores;
  private final int maxSeconds;
  private final Supplier<Map<String, Long>> engineJit;
  private final String rate;

  /**
   * @param warmupTicks ticks of a pass (the input's first)
   * @param warmupSeconds passes go on for at least this many seconds
   * @param jitCores then while the engine's JIT compilers used this many cores or more over a pass
   * @param maxSeconds but not after this many seconds
   * @param engineJit a sample of the engine's JIT compilers ({@link JitCpu#sampleTree})
   * @param rate the measured run's rate: passes go at it if it is a number of ticks/s, at full
   *     speed for {@link TickTraffic#MAX} and {@link TickTraffic#BACKLOG}
   */
  SpeedWarmUp(
      String bootstrap,
      int warmupTicks,
      int warmupSeconds,
      double jitCores,
      int maxSeconds,
      Supplier<Map<String, Long>> engineJit,
      String rate) {
    this.bootstrap = bootstrap;
    this.warmupTicks = warmupTicks;
    this.warmupSeconds = warmupSeconds;
    this.jitCores = jitCores;
    this.maxSeconds = maxSeconds;
    this.engineJit = engineJit;
    this.rate = rate;
  }

  /**
   * The first ticks under other names, at full speed or at the measured run's fixed rate, and their
   * predictions through, in passes (pass k's stocks named {@code warmup_k_<stock>}) for at least
   * {@code --warmup-seconds}, then while the engine's JIT compilers used {@code --warmup-jit-cores}
   * or more over the last pass, up to {@code --warmup-max-seconds}: the measured run starts with a
   * ready, compiled engine. Counted by ticks alone (1,000,000), the warm-up ended while the speed
   * layer's JIT compiler still took about 40 % of a core (its {@code sun.ci.totalTime} counter): 33
   * s of compiling in all, most of it in the first 30 s.
   */
  void run(
      KafkaProducer<String, byte[]> producer,
      String ticksTopic,
      String predictionsTopic,
      List<Tick> replay)
      throws Exception {
    List<Tick> slice = replay.subList(0, Math.min(warmupTicks, replay.size()));
    long started = System.nanoTime();
    long ticks = 0;
    int passes = 0;
    double passJit;
    do {
      passes++;
      long passStart = System.nanoTime();
      Map<String, Long> jitBefore = engineJit.get();
      String prefix = TickTraffic.warmUpPrefix(passes);
      List<Tick> warm = renamed(slice, prefix);
      Map<TopicPartition, Long> from = new TickTraffic(bootstrap).endOffsets(predictionsTopic);
      if (paced()) {
        // the code a fixed rate runs (a poll or a commit with few records) is not the code of a
        // full-speed pass, and its compiling fell into the measured run (docs/benchmarks.md)
        new TickTraffic(bootstrap)
            .feed(producer, ticksTopic, warm, rate, new java.util.concurrent.atomic.AtomicLong());
      } else {
        for (Tick t : warm) {
          producer.send(new ProducerRecord<>(ticksTopic, t.stock(), TickTraffic.TICKS.encode(t)));
        }
        producer.flush();
      }
      new TickTraffic(bootstrap)
          .consume(
              from,
              TickTraffic.expectedPredictions(warm),
              new Histogram(3_600_000L, 3),
              new long[3],
              prefix,
              () -> {});
      ticks += warm.size();
      passJit = JitCpu.coresBetween(jitBefore, engineJit.get(), System.nanoTime() - passStart);
    } while (goesOn(System.nanoTime() - started, passJit));
    System.out.printf(
        "warm-up: %,d ticks in %d pass(es) through in %.1f s; the engine's JIT compilers used %s"
            + " cores over the last pass%n",
        ticks, passes, (System.nanoTime() - started) / 1e9, JitCpu.format(passJit));
  }

  /** Whether passes go at the measured run's rate rather than at full speed. */
  boolean paced() {
    return !rate.equals(TickTraffic.MAX) && !rate.equals(TickTraffic.BACKLOG);
  }

  /** Whether another pass follows one that ended {@code elapsedNanos} after the start. */
  boolean goesOn(long elapsedNanos, double lastPassJitCores) {
    if (warmupSeconds <= 0) {
      return false; // one pass
    }
    if (elapsedNanos < TimeUnit.SECONDS.toNanos(warmupSeconds)) {
      return true;
    }
    return lastPassJitCores >= jitCores && elapsedNanos < TimeUnit.SECONDS.toNanos(maxSeconds);
  }

  /**
   * The ticks under {@code prefix + stock}, and five ticks of one more stock if they would yield no
   * prediction (fewer than five ticks a stock): a pass always has a prediction to wait for.
   */
  static List<Tick> renamed(List<Tick> ticks, String prefix) {
    List<Tick> out = new ArrayList<>();
    for (Tick t : ticks) {
      out.add(
          new Tick(
              prefix + t.stock(), t.date(), t.open(), t.high(), t.low(), t.close(), t.volume()));
    }
    if (TickTraffic.expectedPredictions(out) == 0) {
      for (int d = 1; d <= 5; d++) {
        out.add(Tick.ofClose(prefix + "x", java.time.LocalDate.of(1900, 1, d), 1 + d));
      }
    }
    return out;
  }
}
