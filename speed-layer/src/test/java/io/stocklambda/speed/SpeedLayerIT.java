package io.stocklambda.speed;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelScorer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.prediction.PredictionJson;
import io.stocklambda.core.synth.SyntheticMarket;
import io.stocklambda.core.synth.SyntheticMarketConfig;
import io.stocklambda.core.testing.Models;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.core.window.LabeledWindow;
import io.stocklambda.core.window.WindowLabeler;
import io.stocklambda.embedded.stack.Endpoints;
import io.stocklambda.embedded.stack.Engine;
import io.stocklambda.embedded.stack.junit.EmbeddedStackTest;
import io.stocklambda.kafka.KafkaTopics;
import io.stocklambda.kafka.TopicSpec;
import io.stocklambda.testsupport.ChildJvm;
import io.stocklambda.testsupport.CommittedRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The speed layer as a real process on the real embedded broker, killed with SIGKILL in the middle
 * of a replay and restarted: a read_committed consumer sees every window scored exactly once.
 */
@EmbeddedStackTest(Engine.KAFKA)
class SpeedLayerIT {

  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);
  private static final JsonCodec<ModelArtifact> ARTIFACTS = JsonCodec.of(ModelArtifact.class);

  private final Path dir =
      Paths.get(System.getProperty("java.io.tmpdir"), "speed-it-" + UUID.randomUUID());
  private final List<Process> started = new ArrayList<>();

  @Test
  void aKilledSpeedLayerScoresEveryWindowExactlyOnce(Endpoints endpoints) throws Exception {
    // Given topics, a model, and a market to replay
    String id = UUID.randomUUID().toString().substring(0, 8);
    String ticksTopic = "ticks-" + id;
    String predictionsTopic = "predictions-" + id;
    String modelsTopic = "models-" + id;
    KafkaTopics.ensure(
        endpoints.kafkaBootstrap(),
        List.of(TopicSpec.of(ticksTopic, 4), TopicSpec.models(modelsTopic)));
    ModelArtifact model =
        Models.logistic(
            "it-1",
            FeatureSpecs.of("returns", 5),
            0.02,
            -3,
            -1,
            0.5,
            0.2,
            0.1,
            -0.5,
            2,
            1,
            0.3,
            -0.1,
            0.05);
    SyntheticMarket market =
        new SyntheticMarket(
            new SyntheticMarketConfig(30, 300, 13L, SyntheticMarketConfig.DEFAULT_START, 0, 0));
    List<Tick> replay = new ArrayList<>();
    market.profiles().forEach(p -> replay.addAll(market.series(p)));
    replay.sort(Comparator.comparing(Tick::date).thenComparing(Tick::stock));
    try (KafkaProducer<String, byte[]> producer = producer(endpoints)) {
      producer.send(new ProducerRecord<>(modelsTopic, model.name(), ARTIFACTS.encode(model))).get();
    }
    String[] run = {
      "speed",
      "run",
      "--bootstrap",
      endpoints.kafkaBootstrap(),
      "--application-id",
      "speed-it-" + id,
      "--state-dir",
      dir.resolve("state").toString(),
      "--ticks-topic",
      ticksTopic,
      "--predictions-topic",
      predictionsTopic,
      "--models-topic",
      modelsTopic,
      "--threads",
      "2",
      "--metrics-seconds",
      "2"
    };

    // When ticks flow at a steady pace while the speed layer is killed and restarted
    Process first = start(run, "1.log");
    AtomicReference<Exception> failure = new AtomicReference<>();
    // the first 40% of the ticks, then the rest once the first predictions are committed: however
    // long the speed layer takes to start, the kill lands while ticks are coming and being scored
    CountDownLatch scoring = new CountDownLatch(1);
    int head = replay.size() * 2 / 5;
    Thread feeder =
        new Thread(
            () -> {
              feed(endpoints, ticksTopic, replay.subList(0, head), 600, failure);
              try {
                scoring.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
              }
              feed(endpoints, ticksTopic, replay.subList(head, replay.size()), 600, failure);
            });
    feeder.start();
    // killed once it has committed predictions and while ticks are still coming
    assertThat(readCommitted(endpoints, predictionsTopic, 1, Duration.ZERO))
        .as("predictions before the kill")
        .isNotEmpty();
    scoring.countDown();
    Thread.sleep(2000);
    assertThat(feeder.isAlive()).as("the replay is still running at the kill").isTrue();
    first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    Process second = start(run, "2.log");
    feeder.join();
    assertThat(failure.get()).isNull();

    // Then every window is scored once, and every prediction but the last of each stock is resolved
    // once
    Map<String, List<Tick>> byStock = new HashMap<>();
    replay.forEach(t -> byStock.computeIfAbsent(t.stock(), s -> new ArrayList<>()).add(t));
    ModelScorer scorer = ModelScorer.of(model);
    Map<String, Double> expectedOpen = new HashMap<>();
    Map<String, Boolean> expectedResolved = new HashMap<>();
    for (List<Tick> series : byStock.values()) {
      for (LabeledWindow w : WindowLabeler.windows(series, 5, true)) {
        String key = w.window().stock() + "@" + w.window().last().date();
        expectedOpen.put(key, scorer.probabilityUp(w.window()));
        if (w.isLabeled()) {
          expectedResolved.put(key, w.label().isUp());
        }
      }
    }
    List<ConsumerRecord<byte[], byte[]>> records =
        readCommitted(endpoints, predictionsTopic, expectedOpen.size(), Duration.ofSeconds(5));
    assertThat(records)
        .as("one record a tick: each new call carries the previous one, resolved")
        .hasSize(expectedOpen.size());
    List<Prediction> out = calls(records);
    // and SIGTERM stops it cleanly and promptly
    second.destroy();
    assertThat(second.waitFor(60, TimeUnit.SECONDS))
        .as("the speed layer exits after SIGTERM")
        .isTrue();
    Map<String, Integer> opens = new HashMap<>();
    Map<String, Integer> resolved = new HashMap<>();
    for (Prediction p : out) {
      String key = p.stock() + "@" + p.date();
      if (p.isResolved()) {
        resolved.merge(key, 1, Integer::sum);
        assertThat(p.actualUp()).as(key).isEqualTo(expectedResolved.get(key));
      } else {
        opens.merge(key, 1, Integer::sum);
        assertThat(p.probabilityUp()).as(key).isEqualTo(expectedOpen.get(key));
      }
    }
    assertThat(opens.keySet()).isEqualTo(expectedOpen.keySet());
    assertThat(resolved.keySet()).isEqualTo(expectedResolved.keySet());
    assertThat(opens.values()).as("each window scored once").containsOnly(1);
    assertThat(resolved.values()).as("each prediction resolved once").containsOnly(1);
    assertThat(Files.readString(dir.resolve("2.log"))).contains("speed:");
  }

  @Test
  void aTickWhoseWindowCannotBeScoredIsDeadLetteredAndTheStocksAfterItOnItsPartitionArePredicted(
      Endpoints endpoints) throws Exception {
    // issue 14, case 1: a close of 4.9E-324 made the partition retry one offset forever
    String id = UUID.randomUUID().toString().substring(0, 8);
    String ticksTopic = "ticks-poison-" + id;
    String predictionsTopic = "predictions-poison-" + id;
    String modelsTopic = "models-poison-" + id;
    KafkaTopics.ensure(
        endpoints.kafkaBootstrap(),
        List.of(TopicSpec.of(ticksTopic, 1), TopicSpec.models(modelsTopic)));
    ModelArtifact model =
        Models.logistic(
            "it-poison",
            FeatureSpecs.of("returns", 5),
            0.02,
            -3,
            -1,
            0.5,
            0.2,
            0.1,
            -0.5,
            2,
            1,
            0.3,
            -0.1,
            0.05);
    List<Tick> ticks = new ArrayList<>();
    java.time.LocalDate monday = java.time.LocalDate.of(2017, 11, 6);
    double[] tiny = {10, 10, 10, 10, 4.9E-324};
    for (int d = 0; d < tiny.length; d++) {
      ticks.add(Tick.ofClose("tiny.us", monday.plusDays(d), tiny[d]));
    }
    for (int d = 0; d < 6; d++) {
      ticks.add(Tick.ofClose("good.us", monday.plusDays(d), 20 + d));
      ticks.add(Tick.ofClose("fine.us", monday.plusDays(d), 30 - d));
    }
    try (KafkaProducer<String, byte[]> producer = producer(endpoints)) {
      producer.send(new ProducerRecord<>(modelsTopic, model.name(), ARTIFACTS.encode(model))).get();
      for (Tick t : ticks) {
        producer.send(new ProducerRecord<>(ticksTopic, t.stock(), TICKS.encode(t)));
      }
      producer.flush();
    }

    Process speed =
        start(
            new String[] {
              "speed",
              "run",
              "--bootstrap",
              endpoints.kafkaBootstrap(),
              "--application-id",
              "speed-poison-" + id,
              "--state-dir",
              dir.resolve("state-poison").toString(),
              "--ticks-topic",
              ticksTopic,
              "--predictions-topic",
              predictionsTopic,
              "--models-topic",
              modelsTopic,
              "--metrics-seconds",
              "2"
            },
            "poison.log");

    // two windows of each good stock: two opens and one resolution each, in two records
    List<ConsumerRecord<byte[], byte[]>> records =
        readCommitted(endpoints, predictionsTopic, 4, Duration.ofSeconds(3));
    assertThat(records).hasSize(4);
    List<Prediction> out = calls(records);
    assertThat(out)
        .extracting(p -> p.stock() + " " + p.date() + (p.isResolved() ? " resolved" : ""))
        .containsExactlyInAnyOrder(
            "good.us 2017-11-10",
            "good.us 2017-11-10 resolved",
            "good.us 2017-11-11",
            "fine.us 2017-11-10",
            "fine.us 2017-11-10 resolved",
            "fine.us 2017-11-11");
    List<ConsumerRecord<byte[], byte[]>> dead =
        read(endpoints, io.stocklambda.core.dataset.Topics.deadLetters(ticksTopic), 1);
    assertThat(dead)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(
                      new String(
                          r.headers()
                              .lastHeader(io.stocklambda.core.dataset.Topics.HEADER_ERROR)
                              .value(),
                          java.nio.charset.StandardCharsets.UTF_8))
                  .contains("the window of tiny.us ending 2017-11-10 cannot be scored", "Infinity");
              assertThat(
                      r.headers()
                          .lastHeader(io.stocklambda.core.dataset.Topics.HEADER_SOURCE_OFFSET))
                  .isNotNull();
            });
    speed.destroy();
    assertThat(speed.waitFor(30, TimeUnit.SECONDS))
        .as("the speed layer exits after SIGTERM")
        .isTrue();
  }

  private static List<ConsumerRecord<byte[], byte[]>> read(
      Endpoints endpoints, String topic, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "check-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(out::add);
      }
    }
    return out;
  }

  @AfterEach
  void killLeftovers() throws InterruptedException {
    for (Process p : started) {
      if (p.isAlive()) {
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private Process start(String[] args, String log) throws Exception {
    Files.createDirectories(dir);
    Process process = ChildJvm.start(SpeedMain.class, dir.resolve(log), args).process();
    started.add(process);
    return process;
  }

  private static void feed(
      Endpoints endpoints,
      String topic,
      List<Tick> ticks,
      int perSecond,
      AtomicReference<Exception> failure) {
    try (KafkaProducer<String, byte[]> producer = producer(endpoints)) {
      long start = System.nanoTime();
      for (int i = 0; i < ticks.size(); i++) {
        long due = start + (long) (i * 1e9 / perSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        producer.send(
            new ProducerRecord<>(topic, ticks.get(i).stock(), TICKS.encode(ticks.get(i))));
      }
      producer.flush();
    } catch (Exception e) {
      failure.set(e);
    }
  }

  private static KafkaProducer<String, byte[]> producer(Endpoints endpoints) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /**
   * Reads until the expected count of records, then {@code settleFor} more: a duplicate would show
   * up as an extra record.
   */
  private static List<ConsumerRecord<byte[], byte[]>> readCommitted(
      Endpoints endpoints, String topic, int expected, Duration settleFor) {
    return CommittedRecords.read(
        endpoints.kafkaBootstrap(), topic, expected, Duration.ofMinutes(3), settleFor);
  }

  /** The calls the records hold, each record's resolved call first. */
  private static List<Prediction> calls(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream().flatMap(r -> PredictionJson.read(r.value()).stream()).toList();
  }
}
