package io.stocklambda.bench;

import io.stocklambda.core.tick.Tick;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** The warm-up before each measured run of {@code bench speed}. */
final class SpeedWarmUp {

  private final String bootstrap;
  private final int warmupTicks;
  private final int warmupSeconds;

  /**
   * @param warmupTicks ticks of a pass (the input's first)
   * @param warmupSeconds passes go on until this many seconds have gone
   */
  SpeedWarmUp(String bootstrap, int warmupTicks, int warmupSeconds) {
    this.bootstrap = bootstrap;
    this.warmupTicks = warmupTicks;
    this.warmupSeconds = warmupSeconds;
  }

  /**
   * The first ticks under other names, at full speed, and their predictions through, in passes
   * (pass k's stocks named {@code warmup_k_<stock>}) until {@code --warmup-seconds} have gone: the
   * measured run starts with a ready, compiled engine. Counted by ticks alone (1,000,000), the
   * warm-up ended while the speed layer's JIT compiler still took about 40 % of a core (its {@code
   * sun.ci.totalTime} counter): 33 s of compiling in all, most of it in the first 30 s.
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
    do {
      passes++;
      String prefix = TickTraffic.warmUpPrefix(passes);
      List<Tick> warm = renamed(slice, prefix);
      Map<TopicPartition, Long> from = new TickTraffic(bootstrap).endOffsets(predictionsTopic);
      for (Tick t : warm) {
        producer.send(new ProducerRecord<>(ticksTopic, t.stock(), TickTraffic.TICKS.encode(t)));
      }
      producer.flush();
      new TickTraffic(bootstrap)
          .consume(
              from,
              TickTraffic.expectedPredictions(warm),
              new Histogram(3_600_000L, 3),
              new long[3],
              prefix,
              () -> {});
      ticks += warm.size();
    } while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(warmupSeconds));
    System.out.printf(
        "warm-up: %,d ticks in %d pass(es) through in %.1f s%n",
        ticks, passes, (System.nanoTime() - started) / 1e9);
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
