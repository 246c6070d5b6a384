package io.stocklambda.bench;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.tick.Tick;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The speed benchmark's traffic through Kafka: ticks produced at a rate (or as fast as possible)
 * with their send time as the record time, and predictions read back, read_committed, each one's
 * latency from its tick's send time recorded; ticks of the warm-up carry a key prefix of their own.
 */
final class TickTraffic {

  static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);

  /** The key prefix of warm-up ticks (and their predictions). */
  static final String WARMUP_PREFIX = "warmup_";

  private static final byte[] WARMUP =
      WARMUP_PREFIX.getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private final String bootstrap;

  TickTraffic(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /**
   * Sends the ticks at {@code rate} (ticks/s, or "max"), each with its send time as record time;
   * {@code firstSend} is set when the first goes. The first {@link #PRE_ENCODED} ticks are encoded
   * before the clock starts, so that the harness spends the measured run's CPU on sending only (on
   * a 2-core machine the engine under test shares the cores with it).
   */
  void feed(
      KafkaProducer<String, byte[]> producer,
      String topic,
      List<Tick> replay,
      String rate,
      AtomicLong firstSend) {
    double perSecond = rate.equals("max") ? 0 : Double.parseDouble(rate);
    byte[][] encoded = new byte[Math.min(replay.size(), PRE_ENCODED)][];
    for (int i = 0; i < encoded.length; i++) {
      encoded[i] = TICKS.encode(replay.get(i));
    }
    long start = System.nanoTime();
    firstSend.set(System.currentTimeMillis());
    for (int i = 0; i < replay.size(); i++) {
      if (perSecond > 0) {
        long wait = start + (long) (i * 1e9 / perSecond) - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
      }
      Tick t = replay.get(i);
      byte[] value = i < encoded.length ? encoded[i] : TICKS.encode(t);
      producer.send(
          new ProducerRecord<>(topic, null, System.currentTimeMillis(), t.stock(), value));
    }
    producer.flush();
  }

  /** Ticks encoded ahead of a run: 1 M ticks of about 150 bytes, 150 MB at most. */
  static final int PRE_ENCODED = 1_000_000;

  /**
   * Reads committed predictions until the count, the warm-up's left out unless counting them;
   * latency is now minus the record time (the tick's send time).
   */
  void consume(String topic, long expected, Histogram latency, long[] consumed, boolean warmUp) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (consumed[0] < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          if (isWarmUp(r.key()) != warmUp) {
            continue;
          }
          long now = System.currentTimeMillis();
          latency.recordValue(Math.max(0, now - tickTime(r)));
          consumed[0]++;
          consumed[1] = now;
          if (consumed[0] == expected / 2) {
            consumed[2] = now;
          }
        }
      }
      if (consumed[0] < expected) {
        throw new IllegalStateException(
            "only "
                + consumed[0]
                + " of "
                + expected
                + " predictions were committed in 10 minutes");
      }
    }
  }

  /**
   * When the tick was sent: the prediction's record time (Kafka Streams keeps the input's), or the
   * {@code tick-ts} header (Spark's Kafka sink cannot set the record time, so the anchor carries
   * it).
   */
  private static long tickTime(ConsumerRecord<byte[], byte[]> r) {
    org.apache.kafka.common.header.Header header = r.headers().lastHeader("tick-ts");
    return header == null
        ? r.timestamp()
        : Long.parseLong(new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
  }

  private static boolean isWarmUp(byte[] key) {
    return key != null
        && key.length >= WARMUP.length
        && Arrays.equals(key, 0, WARMUP.length, WARMUP, 0, WARMUP.length);
  }

  KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            ProducerConfig.BATCH_SIZE_CONFIG,
            128 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "lz4"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  /**
   * Predictions a replay yields with windows of 5: each tick from a stock's 5th opens one, each
   * from its 6th also resolves one.
   */
  static long expectedPredictions(List<Tick> replay) {
    Map<String, Long> perStock = new java.util.HashMap<>();
    replay.forEach(t -> perStock.merge(t.stock(), 1L, Long::sum));
    // each tick from the 5th of a stock on opens a prediction; each from the 6th on also resolves
    // one
    return perStock.values().stream().mapToLong(n -> Math.max(0, n - 4) + Math.max(0, n - 5)).sum();
  }
}
