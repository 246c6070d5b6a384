package io.stocklambda.bench;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.tick.Tick;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
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

  private final String bootstrap;

  TickTraffic(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /**
   * Sends the ticks at {@code rate} (ticks/s, or {@link #MAX}), each with its send time as record
   * time; {@code firstSend} is set when the first goes. The first {@link #PRE_ENCODED} ticks are
   * encoded before the clock starts, so that the harness spends the measured run's CPU on sending
   * only (on a 2-core machine the engine under test shares the cores with it).
   */
  void feed(
      KafkaProducer<String, byte[]> producer,
      String topic,
      List<Tick> replay,
      String rate,
      AtomicLong firstSend) {
    double perSecond = rate.equals(MAX) ? 0 : Double.parseDouble(rate);
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

  /** The rate that measures the drain of a backlog: see {@link #feedBacklog}. */
  static final String BACKLOG = "backlog";

  /** The rate that sends as fast as the harness can, while the engine reads. */
  static final String MAX = "max";

  /**
   * Writes all the ticks in one transaction and commits it: engines that read committed records
   * (all of them here) see the whole backlog at once, and the run measures how fast an engine
   * drains it, as a speed layer catching up after a stop or a replay does, with the harness's
   * producer off the cores for the whole measured time (the OpenMessaging Benchmark's backlog test
   * measures the same: build a backlog, then drain it). {@code firstSend} is set just before the
   * commit, so the commit's own time counts against the engine. Each tick's record time is its send
   * time, so latencies count the wait in the backlog.
   *
   * @param transactionalId the producer's transactional id, unique to the run
   */
  void feedBacklog(String topic, List<Tick> replay, String transactionalId, AtomicLong firstSend) {
    Map<String, Object> config = new java.util.HashMap<>(producerConfig());
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 300_000);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      try {
        for (Tick t : replay) {
          producer.send(
              new ProducerRecord<>(
                  topic, null, System.currentTimeMillis(), t.stock(), TICKS.encode(t)));
        }
        producer.flush();
        firstSend.set(System.currentTimeMillis());
        producer.commitTransaction();
      } catch (org.apache.kafka.common.KafkaException e) {
        // an open transaction would hold every committed reader of the topic until it times out
        try {
          producer.abortTransaction();
        } catch (org.apache.kafka.common.KafkaException fenced) {
          e.addSuppressed(fenced);
        }
        throw e;
      }
    }
  }

  /** Ticks encoded ahead of a run: 1 M ticks of about 150 bytes, 150 MB at most. */
  static final int PRE_ENCODED = 1_000_000;

  /**
   * Reads committed predictions until the count; latency is now minus the record time (the tick's
   * send time).
   *
   * @param from where to start in each partition: {@link #endOffsets} taken before the ticks were
   *     sent, so that a run does not first read every earlier prediction (after 8 warm-up passes,
   *     2.4 M of them took the harness about 4 s, which counted as the first predictions' latency)
   * @param warmUpPrefix counts only the predictions of stocks so named (a warm-up pass's); {@code
   *     null}: only those of the measured run (no warm-up stock)
   * @param consumed set to {count, time of the last (epoch ms), time of the count's half}
   * @param check run between polls; what it throws ends the wait
   */
  void consume(
      Map<TopicPartition, Long> from,
      long expected,
      Histogram latency,
      long[] consumed,
      String warmUpPrefix,
      Runnable check) {
    byte[] prefix =
        (warmUpPrefix == null ? WARMUP_PREFIX : warmUpPrefix)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (KafkaConsumer<byte[], byte[]> consumer = committedReader()) {
      consumer.assign(from.keySet());
      from.forEach(consumer::seek);
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (consumed[0] < expected && System.nanoTime() < deadline) {
        check.run();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          if (startsWith(r.key(), prefix) != (warmUpPrefix != null)) {
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
   * Where each partition of {@code topic} ends now, for committed reads.
   *
   * @throws IllegalStateException if the topic has no partitions to be seen within 30 s
   */
  Map<TopicPartition, Long> endOffsets(String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = committedReader()) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      List<TopicPartition> partitions = List.of();
      while (partitions.isEmpty() && System.nanoTime() < deadline) {
        // a topic created a moment ago may not be in the metadata yet
        partitions =
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        if (partitions.isEmpty()) {
          java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
      }
      if (partitions.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " has no partitions after 30 s");
      }
      return consumer.endOffsets(partitions, Duration.ofSeconds(30));
    }
  }

  /** A consumer of committed records, without a group: its partitions are assigned. */
  private KafkaConsumer<byte[], byte[]> committedReader() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
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

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key != null
        && key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** Warm-up pass k's stock names start with this; every one with {@link #WARMUP_PREFIX}. */
  static String warmUpPrefix(int pass) {
    return WARMUP_PREFIX + pass + "_";
  }

  KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
  }

  private Map<String, Object> producerConfig() {
    return Map.of(
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
        "lz4");
  }

  /**
   * Prediction records a replay yields with windows of 5: each tick from a stock's 5th on opens a
   * call, in one record with the previous call it resolves from the 6th on ({@code
   * PredictionJson#write(Prediction, Prediction)}).
   */
  static long expectedPredictions(List<Tick> replay) {
    Map<String, Long> perStock = new java.util.HashMap<>();
    replay.forEach(t -> perStock.merge(t.stock(), 1L, Long::sum));
    return perStock.values().stream().mapToLong(n -> Math.max(0, n - 4)).sum();
  }
}
