package io.stocklambda.serving.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.kafka.DeadLetterSink;
import io.stocklambda.serving.ServingMetrics;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class CoalescingStoreWriterTest {

  private final List<String> deadLetters = new CopyOnWriteArrayList<>();

  @Test
  void whatQueuedDuringARequestGoesInTheNextOneNewestCallPerStockAndDate() throws Exception {
    // Given Elasticsearch busy with a first request
    GatedStore es = new GatedStore();
    try (CoalescingStoreWriter writer =
        new CoalescingStoreWriter(List.of(es), rowWriter(), () -> {}, "test-writer")) {
      Prediction ibm = call("ibm.us", 10);
      CompletableFuture<Boolean> first = writer.submit(rows(call("aapl.us", 9)), Map.of(), 0);
      es.started.await(10, TimeUnit.SECONDS);

      // When three polls queue meanwhile, the last resolving the first's call
      List<CompletableFuture<Boolean>> queued =
          List.of(
              writer.submit(rows(ibm), Map.of(), 0),
              writer.submit(rows(call("msft.us", 10)), Map.of(), 0),
              writer.submit(rows(ibm.withActual(true)), Map.of(), 0));
      es.gate.countDown();

      // Then they go in one request, with the resolved call only
      assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
      for (CompletableFuture<Boolean> f : queued) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(es.requests).hasSize(2);
      assertThat(es.requests.get(1))
          .containsExactlyInAnyOrder(ibm.withActual(true), call("msft.us", 10));
    }
  }

  @Test
  void aRowRefusedForGoodLeavesEveryPollThatCarriedIt() throws Exception {
    GatedStore es = new GatedStore();
    es.gate.countDown();
    es.refuses = "poison.us";
    try (CoalescingStoreWriter writer =
        new CoalescingStoreWriter(List.of(es), rowWriter(), () -> {}, "test-writer")) {
      Prediction poison = call("poison.us", 10);
      List<Prediction> poll = rows(poison, call("ibm.us", 10));
      ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>("predictions", 0, 7, null, null);

      assertThat(writer.submit(poll, Map.of(poison, source), 0).get(10, TimeUnit.SECONDS)).isTrue();

      assertThat(poll).containsExactly(call("ibm.us", 10));
      assertThat(deadLetters).singleElement().asString().startsWith("7: Elasticsearch refused");
    }
  }

  @Test
  void afterAWriteFailsNoLaterPollIsWrittenSoNoneIsCommittedPastIt() throws Exception {
    GatedStore es = new GatedStore();
    es.gate.countDown();
    es.fails = new OutOfMemoryError("Java heap space"); // an Error, not retried by Backoff
    try (CoalescingStoreWriter writer =
        new CoalescingStoreWriter(List.of(es), rowWriter(), () -> {}, "test-writer")) {
      CompletableFuture<Boolean> failed = writer.submit(rows(call("ibm.us", 10)), Map.of(), 0);
      assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(OutOfMemoryError.class);
      es.fails = null;

      CompletableFuture<Boolean> later = writer.submit(rows(call("aapl.us", 10)), Map.of(), 0);

      assertThatThrownBy(() -> later.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(OutOfMemoryError.class);
      assertThat(es.requests).isEmpty();
      assertThat(writer.isAlive()).as("the thread goes on, failing what comes").isTrue();
    }
  }

  @Test
  void rowsOfARevokedPartitionQueuedBeforeTheRevocationAreNotWritten() throws Exception {
    // Given a store busy with a first request, and polls of partitions 0 and 1 queued behind it
    GatedStore es = new GatedStore();
    try (CoalescingStoreWriter writer =
        new CoalescingStoreWriter(List.of(es), rowWriter(), () -> {}, "test-writer")) {
      writer.submit(rows(call("aapl.us", 9)), Map.of(), 1);
      es.started.await(10, TimeUnit.SECONDS);
      Prediction ibm = call("ibm.us", 10);
      Prediction msft = call("msft.us", 10);
      ConsumerRecord<byte[], byte[]> p0 = new ConsumerRecord<>("predictions", 0, 3, null, null);
      ConsumerRecord<byte[], byte[]> p1 = new ConsumerRecord<>("predictions", 1, 4, null, null);
      List<Prediction> poll2 = rows(ibm, msft);
      CompletableFuture<Boolean> second = writer.submit(poll2, Map.of(ibm, p0, msft, p1), 2);

      // When partition 1 goes to another member, and then comes back with a later poll
      writer.revoke(List.of(new org.apache.kafka.common.TopicPartition("predictions", 1)), 2);
      Prediction later = call("msft.us", 11);
      CompletableFuture<Boolean> third =
          writer.submit(
              rows(later), Map.of(later, new ConsumerRecord<>("predictions", 1, 5, null, null)), 3);
      es.gate.countDown();

      // Then only partition 0's row of the queued poll is written, and the later poll's
      assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(third.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(poll2).containsExactly(ibm);
      assertThat(es.requests.get(1)).containsExactlyInAnyOrder(ibm, later);
    }
  }

  private SpeedRowWriter rowWriter() {
    DeadLetterSink sink =
        new DeadLetterSink() {
          @Override
          public void send(ConsumerRecord<byte[], byte[]> poison, String reason) {
            deadLetters.add(poison.offset() + ": " + reason);
          }

          @Override
          public void flush() {}
        };
    return new SpeedRowWriter(sink, new ServingMetrics(), () -> false);
  }

  private static List<Prediction> rows(Prediction... rows) {
    return new ArrayList<>(List.of(rows));
  }

  private static Prediction call(String stock, int day) {
    return new Prediction(
        stock,
        LocalDate.of(2017, 11, day),
        List.of(1.0, 2.0),
        0.6,
        true,
        "v1",
        Layer.SPEED,
        Instant.parse("2026-11-26T10:00:00Z"),
        null,
        null);
  }

  /** Elasticsearch whose first request waits for the gate; each request's rows are kept. */
  private static final class GatedStore implements SpeedViewStore {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch gate = new CountDownLatch(1);
    final List<List<Prediction>> requests = new CopyOnWriteArrayList<>();
    String refuses = "";
    volatile Error fails;

    @Override
    public String storeName() {
      return "Elasticsearch";
    }

    @Override
    public void writeSpeed(Collection<Prediction> predictions) throws IOException {
      started.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        throw new java.io.InterruptedIOException();
      }
      if (fails != null) {
        throw fails;
      }
      for (Prediction p : predictions) {
        if (p.stock().equals(refuses)) {
          throw new RejectedException("refused", Map.of(p, "mapper_parsing_exception"));
        }
      }
      requests.add(List.copyOf(predictions));
    }
  }
}
