package io.stocklambda.bench;

import io.stocklambda.commands.bench.KafkaScorerOptions;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.json.MalformedRecordException;
import io.stocklambda.core.live.LiveScoring;
import io.stocklambda.core.live.StockState;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelFiles;
import io.stocklambda.core.model.ModelScorer;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.PredictionJson;
import io.stocklambda.core.tick.Tick;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code stocklambda bench kafka-scorer}: the speed layer's scoring (core's {@link LiveScoring},
 * the record {@link PredictionJson} writes) in Kafka's own exactly-once consume-transform-produce
 * loop, the benchmark's floor: each of {@code --threads} loops reads a fixed share of the ticks'
 * partitions (partition {@code p} goes to loop {@code p % threads}: no rebalance can move a stock
 * away from its state) with a {@code read_committed} consumer and writes with a transactional
 * producer, committing its input offsets in the transaction every {@code --commit-interval-ms}.
 *
 * <p>What it leaves out, and the speed layer does not: a state store and its changelog (the state
 * is a map in memory, lost on a crash), dead-lettering (a tick that does not decode is skipped),
 * model hot-swap and metrics. Its throughput is what Kafka itself costs for the same records on the
 * same machine, the ceiling any engine reading and writing these topics exactly once can reach.
 */
public final class KafkaLoopScorer extends KafkaScorerOptions implements Runnable {

  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);

  @Override
  public void run() {
    ModelArtifact model =
        JsonCodec.of(ModelArtifact.class)
            .decode(
                ModelFiles.readValidated(Paths.get(modelFile)).getBytes(StandardCharsets.UTF_8));
    String run = "bench-kafka-loop-" + UUID.randomUUID().toString().substring(0, 8);
    List<TopicPartition> partitions;
    try (KafkaConsumer<byte[], byte[]> probe = consumer(run)) {
      partitions =
          probe.partitionsFor(ticksTopic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(ticksTopic, p.partition()))
              .toList();
    }
    if (partitions.isEmpty()) {
      throw new IllegalStateException("topic " + ticksTopic + " has no partitions");
    }
    List<Loop> loops = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      List<TopicPartition> share = new ArrayList<>();
      for (TopicPartition p : partitions) {
        if (p.partition() % threads == i) {
          share.add(p);
        }
      }
      if (!share.isEmpty()) {
        loops.add(new Loop(run, i, share, ModelScorer.of(model)));
      }
    }
    System.out.printf(
        "kafka-scorer: %s -> %s with model %s, %d loop(s), commit every %d ms, state in memory%n",
        ticksTopic, predictionsTopic, modelFile, loops.size(), commitIntervalMs);
    CountDownLatch stopped = new CountDownLatch(loops.size());
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    for (Loop loop : loops) {
      new Thread(
              () -> {
                try {
                  loop.run();
                } catch (RuntimeException e) {
                  // one loop failed: the others stop too, so the process ends and says why
                  failure.compareAndSet(null, e);
                  loops.forEach(Loop::stop);
                } finally {
                  stopped.countDown();
                }
              },
              "kafka-loop-" + loop.index)
          .start();
    }
    Thread hook =
        new Thread(
            () -> {
              loops.forEach(Loop::stop);
              try {
                stopped.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure.get() != null) {
      throw new IllegalStateException(
          "a consume-transform-produce loop failed: " + failure.get().getMessage(), failure.get());
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer(String group) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            group,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /** One consume-transform-produce loop over its share of the partitions. */
  private final class Loop {
    private final String group;
    private final int index;
    private final List<TopicPartition> share;
    private final Scoring scoring;
    private volatile boolean stopping;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    Loop(String group, int index, List<TopicPartition> share, ModelScorer scorer) {
      this.group = group;
      this.index = index;
      this.share = share;
      this.scoring = new Scoring(scorer, window);
    }

    void stop() {
      stopping = true;
      KafkaConsumer<byte[], byte[]> c = consumer;
      if (c != null) {
        c.wakeup();
      }
    }

    void run() {
      try (KafkaConsumer<byte[], byte[]> in = consumer(group);
          KafkaProducer<byte[], byte[]> out = producer(group + "-" + index)) {
        consumer = in;
        in.assign(share);
        out.initTransactions();
        out.beginTransaction();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        long lastCommit = System.nanoTime();
        long interval = commitIntervalMs * 1_000_000L;
        while (!stopping) {
          try {
            for (ConsumerRecord<byte[], byte[]> r : in.poll(Duration.ofMillis(commitIntervalMs))) {
              Scored scored = scoring.score(r.value());
              if (scored != null) {
                out.send(
                    new ProducerRecord<>(
                        predictionsTopic, null, r.timestamp(), scored.key(), scored.record()));
              }
              offsets.put(
                  new TopicPartition(r.topic(), r.partition()),
                  new OffsetAndMetadata(r.offset() + 1));
            }
          } catch (WakeupException e) {
            break;
          }
          if (!offsets.isEmpty() && System.nanoTime() - lastCommit >= interval) {
            out.sendOffsetsToTransaction(offsets, in.groupMetadata());
            out.commitTransaction();
            offsets.clear();
            out.beginTransaction();
            lastCommit = System.nanoTime();
          }
        }
        out.abortTransaction(); // stopping: what was not committed is left out, never half-written
      }
    }
  }

  /**
   * One loop's scoring: each stock's state in a map, a tick through core's {@link LiveScoring}, the
   * record {@link PredictionJson} writes for the step. Not thread-safe: one a loop.
   */
  static final class Scoring {
    private final ModelScorer scorer;
    private final int window;
    private final Map<String, StockState> states = new HashMap<>();
    private final PredictionJson json = new PredictionJson();

    Scoring(ModelScorer scorer, int window) {
      this.scorer = scorer;
      this.window = window;
    }

    /**
     * The prediction record for a tick's JSON, keyed by its stock as the speed layer keys it, or
     * null if the tick makes none (a stock's first {@code window - 1} ticks, a tick not after the
     * stock's last) or does not decode.
     */
    Scored score(byte[] value) {
      Tick tick;
      try {
        tick = TICKS.decode(value);
      } catch (MalformedRecordException e) {
        return null;
      }
      StockState current =
          states.computeIfAbsent(tick.stock(), stock -> StockState.empty(stock, window));
      // the speed layer's clock: milliseconds (Kafka Streams' currentSystemTimeMs)
      Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
      LiveScoring.Step step = LiveScoring.step(current, tick, () -> scorer, now, Layer.SPEED);
      byte[] record = json.write(step.resolved(), step.opened());
      if (step.accepted()) {
        states.put(tick.stock(), step.next());
      }
      return record == null
          ? null
          : new Scored(tick.stock().getBytes(StandardCharsets.UTF_8), record);
    }
  }

  /** A prediction record and its key, the stock. */
  record Scored(byte[] key, byte[] record) {}

  private KafkaProducer<byte[], byte[]> producer(String transactionalId) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            transactionalId,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "none",
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            ProducerConfig.BATCH_SIZE_CONFIG,
            128 * 1024),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }
}
