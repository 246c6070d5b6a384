package io.stocklambda.serving.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.prediction.PredictionJson;
import io.stocklambda.kafka.DeadLetterSink;
import io.stocklambda.serving.ServingMetrics;
import io.stocklambda.serving.api.LiveFeed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class SpeedViewLoaderTest {

  private static final JsonCodec<Prediction> JSON = JsonCodec.of(Prediction.class);
  private static final TopicPartition TP = new TopicPartition("predictions", 0);

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final List<String> deadLetters = new ArrayList<>();
  private final List<Prediction> live = new ArrayList<>();
  private final ServingMetrics metrics = new ServingMetrics();

  @Test
  void offsetsAreCommittedOnlyOnceEveryStoreHasTheRowsAndAnOutageLosesNothing() {
    // Given Elasticsearch refuses the first two writes
    Store hbase = new Store("HBase", 0);
    Store es = new Store("Elasticsearch", 2);
    SpeedViewLoader loader = loader(hbase, es);
    Prediction open = prediction("ibm.us", 10, 0.7);

    // When a poll's records are loaded
    boolean loaded =
        loader.load(
            records(
                record(0, JSON.encode(open)),
                record(1, JSON.encode(prediction("aapl.us", 10, 0.4)))));

    // Then both stores end up with every row, the offsets are committed after, and nothing is
    // skipped
    assertThat(loaded).isTrue();
    assertThat(hbase.rows).hasSize(2);
    assertThat(es.rows).hasSize(2);
    assertThat(es.attempts).isEqualTo(3);
    assertThat(consumer.committed(Set.of(TP)).get(TP).offset()).isEqualTo(2);
    assertThat(metrics.storeRetries.sum()).isEqualTo(2);
    assertThat(consumer.paused()).as("partitions resume after the outage").isEmpty();
    assertThat(live).hasSize(2);
  }

  @Test
  void aResolvedRecordWinsOverItsOpenOneInTheSamePollWhateverTheOrder() {
    Store hbase = new Store("HBase", 0);
    SpeedViewLoader loader = loader(hbase);
    Prediction open = prediction("ibm.us", 10, 0.7);
    loader.load(
        records(record(0, JSON.encode(open.withActual(false))), record(1, JSON.encode(open))));
    assertThat(hbase.rows).containsExactly(open.withActual(false));
  }

  @Test
  void aRecordOfATickGivesTwoRowsItsNewCallAndThePreviousCallItResolved() {
    Store hbase = new Store("HBase", 0);
    Store es = new Store("Elasticsearch", 0);
    SpeedViewLoader loader = loader(hbase, es);
    Prediction first = prediction("ibm.us", 10, 0.7);
    Prediction second = prediction("ibm.us", 13, 0.4);

    loader.load(
        records(
            record(0, PredictionJson.encode(null, first)),
            record(1, PredictionJson.encode(first.withActual(false), second))));

    assertThat(hbase.rows).containsExactlyInAnyOrder(first.withActual(false), second);
    assertThat(es.rows).containsExactlyInAnyOrder(first.withActual(false), second);
    assertThat(consumer.committed(Set.of(TP)).get(TP).offset()).isEqualTo(2);
    assertThat(deadLetters).isEmpty();
  }

  @Test
  void aRecordCarryingACallOfAnotherStockIsDeadLetteredWithTheReason() {
    Store hbase = new Store("HBase", 0);
    SpeedViewLoader loader = loader(hbase);
    String call = JSON.encodeToString(prediction("ibm.us", 13, 0.4));
    byte[] wrong =
        (call.substring(0, call.length() - 1)
                + ",\"resolved\":"
                + JSON.encodeToString(prediction("aapl.us", 10, 0.7).withActual(true))
                + "}")
            .getBytes(StandardCharsets.UTF_8);

    loader.load(records(record(0, wrong)));

    assertThat(hbase.rows).isEmpty();
    assertThat(deadLetters).singleElement().asString().contains("aapl.us", "another stock");
  }

  @Test
  void aPoisonRecordGoesToTheDeadLetterTopicAndTheRestIsLoaded() {
    Store hbase = new Store("HBase", 0);
    SpeedViewLoader loader = loader(hbase);
    Prediction good = prediction("ibm.us", 11, 0.6);
    loader.load(
        records(
            record(0, "{not json".getBytes(StandardCharsets.UTF_8)),
            record(1, JSON.encode(good)),
            record(2, "{\"stock\":\"ibm.us\"}".getBytes(StandardCharsets.UTF_8))));
    assertThat(hbase.rows).containsExactly(good);
    assertThat(deadLetters).hasSize(2);
    assertThat(deadLetters.get(0)).startsWith("0:");
    assertThat(deadLetters.get(1)).startsWith("2:").contains("probabilityUp");
    assertThat(metrics.poison.sum()).isEqualTo(2);
    assertThat(consumer.committed(Set.of(TP)).get(TP).offset()).isEqualTo(3);
  }

  @Test
  void aShadowPredictionIsNeverServedEvenOnThePredictionsTopic() {
    Store hbase = new Store("HBase", 0);
    SpeedViewLoader loader = loader(hbase);
    Prediction served = prediction("ibm.us", 11, 0.6);
    Prediction p = prediction("aapl.us", 11, 0.4);
    Prediction shadow =
        new Prediction(
            p.stock(),
            p.date(),
            p.closes(),
            p.probabilityUp(),
            p.up(),
            "candidate-1",
            Layer.SHADOW,
            p.scoredAt(),
            null,
            null);
    loader.load(records(record(0, JSON.encode(served)), record(1, JSON.encode(shadow))));
    assertThat(hbase.rows).containsExactly(served);
    assertThat(live).containsExactly(served);
    assertThat(deadLetters).singleElement().asString().contains("shadow", "candidate-1");
  }

  @Test
  void aRowAStoreRefusesForGoodIsDeadLetteredWithTheReasonAndTheOtherStocksAreServed() {
    // issue 14, case 2: a refused record used to be retried forever, stalling the speed view
    Store hbase = new Store("HBase", 0);
    Store es = new Store("Elasticsearch", 1); // and one passing failure, retried
    es.refuses = Set.of("poison.us");
    es.namesTheRows = true;
    SpeedViewLoader loader = loader(hbase, es);
    Prediction poison = prediction("poison.us", 10, 0.7);
    Prediction ibm = prediction("ibm.us", 10, 0.6);
    Prediction aapl = prediction("aapl.us", 10, 0.4);

    assertThat(
            loader.load(
                records(
                    record(0, JSON.encode(poison)),
                    record(1, JSON.encode(ibm)),
                    record(2, JSON.encode(aapl)))))
        .isTrue();

    assertThat(es.rows).containsExactlyInAnyOrder(ibm, aapl);
    assertThat(deadLetters)
        .singleElement()
        .asString()
        .startsWith("0: Elasticsearch refused poison.us 2017-11-10: mapper_parsing_exception");
    assertThat(metrics.poison.sum()).isEqualTo(1);
    assertThat(live).containsExactlyInAnyOrder(ibm, aapl);
    assertThat(consumer.committed(Set.of(TP)).get(TP).offset()).isEqualTo(3);
  }

  @Test
  void aRecordBothOfWhoseCallsAreRefusedIsDeadLetteredOnceWithBothReasons() {
    Store hbase = new Store("HBase", 0);
    hbase.refuses = Set.of("poison.us");
    hbase.namesTheRows = true;
    SpeedViewLoader loader = loader(hbase);
    Prediction first = prediction("poison.us", 10, 0.7);
    Prediction second = prediction("poison.us", 13, 0.4);
    Prediction ibm = prediction("ibm.us", 10, 0.6);

    loader.load(
        records(
            record(0, PredictionJson.encode(first.withActual(true), second)),
            record(1, JSON.encode(ibm))));

    assertThat(hbase.rows).containsExactly(ibm);
    assertThat(deadLetters)
        .singleElement()
        .asString()
        .startsWith("0: HBase refused poison.us")
        .contains("2017-11-10", "2017-11-13");
    assertThat(metrics.poison.sum()).isEqualTo(2);
  }

  @Test
  void whenAStoreRefusesTheWholeRequestTheRowsAreTriedOneByOneToFindThePoison() {
    Store hbase = new Store("HBase", 0);
    Store es = new Store("Elasticsearch", 0);
    es.refuses = Set.of("poison.us", "bad.us");
    es.namesTheRows = false; // as a 400 for the whole bulk request (a document id over 512 bytes)
    SpeedViewLoader loader = loader(hbase, es);
    List<Prediction> good =
        List.of(
            prediction("a.us", 10, 0.6), prediction("b.us", 10, 0.6), prediction("c.us", 10, 0.6));

    loader.load(
        records(
            record(0, JSON.encode(prediction("poison.us", 10, 0.7))),
            record(1, JSON.encode(good.get(0))),
            record(2, JSON.encode(good.get(1))),
            record(3, JSON.encode(prediction("bad.us", 10, 0.7))),
            record(4, JSON.encode(good.get(2)))));

    assertThat(es.rows).containsExactlyInAnyOrderElementsOf(good);
    assertThat(deadLetters)
        .hasSize(2)
        .allSatisfy(d -> assertThat(d).contains("Elasticsearch refused", "the request as a whole"));
    assertThat(deadLetters)
        .extracting(d -> d.substring(0, 2))
        .containsExactlyInAnyOrder("0:", "3:");
    assertThat(consumer.committed(Set.of(TP)).get(TP).offset()).isEqualTo(5);
  }

  @Test
  void hbaseTakesAPollWithoutWaitingForElasticsearchAndTheOffsetsWaitForBoth() throws Exception {
    Store hbase = new Store("HBase", 0);
    Store es = new Store("Elasticsearch", 0);
    es.gate = new CountDownLatch(1); // a slow bulk request
    SpeedViewLoader loader = loader(hbase, es);
    Prediction ibm = prediction("ibm.us", 10, 0.7);

    assertThat(loader.accept(records(record(0, JSON.encode(ibm))))).isTrue();

    awaitRows(hbase, 1);
    assertThat(hbase.rows).as("readable in HBase before Elasticsearch has it").containsExactly(ibm);
    assertThat(consumer.committed(Set.of(TP))).as("not committed before every store").isEmpty();
    assertThat(live).isEmpty();
    es.gate.countDown();
    assertThat(loader.complete(true)).isTrue();
    assertThat(es.rows).containsExactly(ibm);
    assertThat(consumer.committed(Set.of(TP)).get(TP).offset()).isEqualTo(1);
    assertThat(live).containsExactly(ibm);
    assertThat(consumer.paused()).isEmpty();
  }

  @Test
  void manySmallPollsGoToHBaseWhileElasticsearchIsSlowTheBoundIsInRows() throws Exception {
    Store hbase = new Store("HBase", 0);
    Store es = new Store("Elasticsearch", 0);
    es.gate = new CountDownLatch(1); // a bulk request that takes a while
    SpeedViewLoader loader = loader(hbase, es);
    int polls = 200; // a few seconds of polls at 1,000 ticks/s; a bound of 16 polls blocked here

    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          for (int i = 0; i < polls; i++) {
            Prediction p = prediction("s" + i + ".us", 10, 0.6);
            assertThat(loader.accept(records(record(i, JSON.encode(p))))).isTrue();
          }
        });

    awaitRows(hbase, polls);
    assertThat(hbase.rows.size()).as("every poll readable in HBase at once").isEqualTo(polls);
    assertThat(consumer.committed(Set.of(TP))).as("none committed before Elasticsearch").isEmpty();
    es.gate.countDown();
    assertThat(loader.complete(true)).isTrue();
    assertThat(es.rows.size()).isEqualTo(polls);
    assertThat(consumer.committed(Set.of(TP)).get(TP).offset()).isEqualTo(polls);
  }

  @Test
  void theRowsInFlightStayBoundedTheLoaderWaitsForElasticsearchBeyondTheBound() throws Exception {
    Store hbase = new Store("HBase", 0);
    Store es = new Store("Elasticsearch", 0);
    es.gate = new CountDownLatch(1);
    SpeedViewLoader loader = loader(hbase, es);
    int perPoll = 5_000;
    int fit = SpeedViewLoader.MAX_ROWS_IN_FLIGHT / perPoll;
    for (int i = 0; i < fit; i++) {
      assertThat(loader.accept(poll(i * perPoll, perPoll))).isTrue();
    }
    awaitRows(hbase, fit * perPoll);
    Thread next = new Thread(() -> loader.accept(poll(fit * perPoll, perPoll)));
    next.start();
    next.join(1_000);
    assertThat(next.isAlive())
        .as("a poll past the bound waits to be handed to the stores")
        .isTrue();
    assertThat(hbase.rows.size()).as("not even HBase has it yet").isEqualTo(fit * perPoll);
    assertThat(es.attempts).as("Elasticsearch still on its first request").isEqualTo(1);

    es.gate.countDown();
    next.join(10_000);
    assertThat(next.isAlive()).isFalse();
    assertThat(loader.complete(true)).isTrue();
    assertThat(es.rows.size()).isEqualTo((fit + 1) * perPoll);
    assertThat(consumer.committed(Set.of(TP)).get(TP).offset()).isEqualTo((fit + 1) * perPoll);
  }

  /** Waits (10 s at most) until a store, written on a thread of the loader's, has n rows. */
  private static void awaitRows(Store store, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (store.rows.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  private static ConsumerRecords<byte[], byte[]> poll(int firstOffset, int count) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Prediction p = prediction("p" + (firstOffset + i) + ".us", 10, 0.6);
      records.add(record(firstOffset + i, JSON.encode(p)));
    }
    return new ConsumerRecords<>(Map.of(TP, records));
  }

  @Test
  void runningThenStoppingCommitsEveryWrittenPollAndNeverMovesTheOffsetsBack() throws Exception {
    List<Long> commits = new java.util.concurrent.CopyOnWriteArrayList<>();
    MockConsumer<byte[], byte[]> subscribed =
        new MockConsumer<>("earliest") {
          @Override
          public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            offsets.values().forEach(o -> commits.add(o.offset()));
            super.commitSync(offsets);
          }

          @Override
          public synchronized void commitAsync(
              Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
            offsets.values().forEach(o -> commits.add(o.offset()));
            super.commitAsync(offsets, callback);
          }
        };
    Store hbase = new Store("HBase", 0);
    Store es = new Store("Elasticsearch", 0);
    SpeedViewLoader loader =
        new SpeedViewLoader(
            subscribed,
            TP.topic(),
            List.of(hbase, es),
            new DeadLetterSink() {
              @Override
              public void send(ConsumerRecord<byte[], byte[]> poison, String reason) {}

              @Override
              public void flush() {}
            },
            new LiveFeed(),
            metrics);
    subscribed.schedulePollTask(
        () -> {
          subscribed.rebalance(List.of(TP));
          subscribed.updateBeginningOffsets(Map.of(TP, 0L));
          subscribed.seek(TP, 0);
        });
    for (int poll = 0; poll < 5; poll++) {
      int offset = poll;
      subscribed.schedulePollTask(
          () ->
              subscribed.addRecord(
                  record(offset, JSON.encode(prediction("s" + offset + ".us", 10, 0.6)))));
    }
    Thread running = new Thread(loader);
    running.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (es.rows.size() < 5 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    loader.stop();
    running.join(20_000);

    assertThat(running.isAlive()).isFalse();
    assertThat(hbase.rows).hasSize(5);
    assertThat(es.rows).hasSize(5);
    assertThat(subscribed.closed()).isTrue();
    assertThat(commits).as("offsets committed, in order").isSorted().last().isEqualTo(5L);
  }

  private SpeedViewLoader loader(Store... stores) {
    consumer.assign(List.of(TP));
    consumer.updateBeginningOffsets(Map.of(TP, 0L));
    LiveFeed feed = new LiveFeed();
    feed.subscribe(live::add);
    DeadLetterSink sink =
        new DeadLetterSink() {
          @Override
          public void send(ConsumerRecord<byte[], byte[]> poison, String reason) {
            deadLetters.add(poison.offset() + ": " + reason);
          }

          @Override
          public void flush() {}
        };
    return new SpeedViewLoader(consumer, TP.topic(), List.of(stores), sink, feed, metrics);
  }

  @SafeVarargs
  private static ConsumerRecords<byte[], byte[]> records(
      ConsumerRecord<byte[], byte[]>... records) {
    return new ConsumerRecords<>(Map.of(TP, List.of(records)));
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
    return new ConsumerRecord<>(
        TP.topic(), TP.partition(), offset, "k".getBytes(StandardCharsets.UTF_8), value);
  }

  private static Prediction prediction(String stock, int day, double p) {
    return new Prediction(
        stock,
        LocalDate.of(2017, 11, day),
        List.of(1.0, 2.0),
        p,
        p > 0.5,
        "v1",
        Layer.SPEED,
        Instant.parse("2026-11-26T10:00:00Z"),
        null,
        null);
  }

  /** A store that fails its first writes, as one that is down. */
  private static final class Store implements SpeedViewStore {
    final String name;
    // written on the loader's writing threads, read by the test
    final List<Prediction> rows = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile int failuresLeft;
    volatile int attempts;
    Set<String> refuses = Set.of();
    boolean namesTheRows;
    CountDownLatch gate;

    Store(String name, int failures) {
      this.name = name;
      this.failuresLeft = failures;
    }

    @Override
    public String storeName() {
      return name;
    }

    @Override
    public void writeSpeed(Collection<Prediction> predictions) throws IOException {
      attempts++;
      if (gate != null) {
        try {
          gate.await();
        } catch (InterruptedException e) {
          throw new java.io.InterruptedIOException();
        }
      }
      if (failuresLeft-- > 0) {
        throw new IOException("connection refused");
      }
      Map<Prediction, String> refused = new java.util.HashMap<>();
      predictions.stream()
          .filter(p -> refuses.contains(p.stock()))
          .forEach(p -> refused.put(p, "mapper_parsing_exception: no"));
      if (!refused.isEmpty()) {
        throw namesTheRows
            ? new RejectedException("refused", refused)
            : new RejectedException("the request as a whole", Map.of());
      }
      rows.addAll(predictions);
    }
  }
}
