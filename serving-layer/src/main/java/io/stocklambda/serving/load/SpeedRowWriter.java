package io.stocklambda.serving.load;

import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.kafka.DeadLetterSink;
import io.stocklambda.serving.ServingMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a poll's speed-view rows to one store until it takes them: transient failures are retried
 * with backoff ({@link Backoff}); rows the store refuses for good go to the dead-letter topic with
 * its reason and leave the batch (so no store written after serves them); when it refuses the
 * request without naming a row, the rows are written one by one to find the ones it refuses. Safe
 * to use from two threads at once on different batches (the dead-letter sink and the metrics are).
 */
final class SpeedRowWriter {

  private static final Logger LOG = LoggerFactory.getLogger(SpeedRowWriter.class);

  private final DeadLetterSink deadLetters;
  private final ServingMetrics metrics;
  private final BooleanSupplier stopping;

  SpeedRowWriter(DeadLetterSink deadLetters, ServingMetrics metrics, BooleanSupplier stopping) {
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.stopping = stopping;
  }

  /**
   * Writes {@code batch} to {@code store}, removing from it the rows the store refused for good.
   *
   * @param sources each row's record, for the dead-letter topic
   * @param whileWaiting called at least once a second while the store is down
   * @return false if stopped before the store took the rows
   */
  boolean write(
      SpeedViewStore store,
      List<Prediction> batch,
      Map<Prediction, ConsumerRecord<byte[], byte[]>> sources,
      Runnable whileWaiting) {
    int[] attempts = {0};
    try {
      return Backoff.untilDone(
          store.storeName(),
          batch.size() + " rows",
          () -> {
            if (attempts[0]++ > 0) {
              metrics.storeRetries.increment();
            }
            long start = System.nanoTime();
            store.writeSpeed(batch);
            metrics.storeWrite(store.storeName(), (System.nanoTime() - start) / 1_000);
          },
          stopping,
          whileWaiting);
    } catch (RejectedException e) {
      Map<Prediction, String> refused = e.rejected();
      if (refused.isEmpty()) {
        if (batch.size() == 1) {
          refused = Map.of(batch.get(0), e.getMessage());
        } else {
          // the store named no row: one row at a time finds the ones it refuses
          for (Prediction p : List.copyOf(batch)) {
            List<Prediction> one = new ArrayList<>(List.of(p));
            if (!write(store, one, sources, whileWaiting)) {
              return false;
            }
            if (one.isEmpty()) {
              batch.remove(p);
            }
          }
          return true;
        }
      }
      // a record holds up to two calls (a new one carrying the resolved one): dead-lettered once
      Map<ConsumerRecord<byte[], byte[]>, List<String>> bySource = new LinkedHashMap<>();
      for (Map.Entry<Prediction, String> r : refused.entrySet()) {
        String reason =
            store.storeName()
                + " refused "
                + r.getKey().stock()
                + " "
                + r.getKey().date()
                + ": "
                + r.getValue();
        LOG.warn("{}; sent to the dead-letter topic", reason);
        metrics.poison.increment();
        ConsumerRecord<byte[], byte[]> source = sources.get(r.getKey());
        if (source != null) {
          bySource.computeIfAbsent(source, k -> new ArrayList<>()).add(reason);
        }
      }
      bySource.forEach((source, reasons) -> deadLetters.send(source, String.join("; ", reasons)));
      batch.removeAll(refused.keySet());
      return batch.isEmpty() || write(store, batch, sources, whileWaiting);
    }
  }
}
