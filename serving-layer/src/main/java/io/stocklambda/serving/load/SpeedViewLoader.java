package io.stocklambda.serving.load;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.json.MalformedRecordException;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.serving.LambdaMerge;
import io.stocklambda.kafka.DeadLetterSink;
import io.stocklambda.serving.ServingMetrics;
import io.stocklambda.serving.api.LiveFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speed view's way into the serving stores: consumes {@code predictions} (read_committed),
 * keeps per poll the one record per (stock, date) that core's {@link LambdaMerge#newer} keeps,
 * writes them to every store, each until it succeeds, and only then commits the offsets. A row a
 * store refuses for good ({@link RejectedException}) goes to the dead-letter topic with the reason
 * and is left out of every store written after; the rest of the poll is loaded. An outage of a
 * store stalls the loader (partitions paused, membership kept) and loses nothing; the backlog is
 * caught up when it is back. Records that are not predictions go to the dead-letter topic, durably
 * before the offsets pass them.
 */
public final class SpeedViewLoader implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(SpeedViewLoader.class);
  private static final JsonCodec<Prediction> PREDICTIONS = JsonCodec.of(Prediction.class);

  private final Consumer<byte[], byte[]> consumer;
  private final String topic;
  private final List<SpeedViewStore> stores;
  private final DeadLetterSink deadLetters;
  private final LiveFeed feed;
  private final ServingMetrics metrics;
  private volatile boolean stopping;

  public SpeedViewLoader(
      Consumer<byte[], byte[]> consumer,
      String topic,
      List<SpeedViewStore> stores,
      DeadLetterSink deadLetters,
      LiveFeed feed,
      ServingMetrics metrics) {
    this.consumer = consumer;
    this.topic = topic;
    this.stores = List.copyOf(stores);
    this.deadLetters = deadLetters;
    this.feed = feed;
    this.metrics = metrics;
  }

  /**
   * The loader's consumer: a member of {@code groupId} with static membership ({@code
   * <groupId>-<instance>}), manual commits, read_committed, from the earliest offset.
   */
  public static KafkaConsumer<byte[], byte[]> consumer(
      String bootstrap, String groupId, String instance) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            groupId,
            ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
            groupId + "-" + instance,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            5_000,
            // a fetch the broker holds waits at most this long for committed predictions (Kafka's
            // default 500 ms showed as the live path's latency at low rates, issue 18)
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
            50,
            ConsumerConfig.CLIENT_ID_CONFIG,
            "stocklambda-serving-" + instance),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /** Asks the loop to stop after the batch in hand; safe from any thread. */
  public void stop() {
    stopping = true;
    consumer.wakeup();
  }

  @Override
  public void run() {
    consumer.subscribe(List.of(topic));
    try {
      while (!stopping) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty() && !load(records)) {
          break;
        }
      }
    } catch (WakeupException e) {
      if (!stopping) {
        throw e;
      }
    } finally {
      consumer.close(Duration.ofSeconds(10));
    }
  }

  /**
   * One poll's records into every store, then the commit; false if stopped before they were
   * written.
   */
  boolean load(ConsumerRecords<byte[], byte[]> records) {
    Map<String, Prediction> rows = new LinkedHashMap<>();
    Map<Prediction, ConsumerRecord<byte[], byte[]>> sources = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      metrics.speedRecords.increment();
      offsets.put(
          new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
      try {
        Prediction p = PREDICTIONS.decode(r.value());
        if (p.layer() == Layer.SHADOW) {
          // a candidate's call is measured, never served
          metrics.poison.increment();
          deadLetters.send(r, "a shadow prediction of candidate " + p.modelVersion());
          continue;
        }
        rows.merge(p.stock() + "\u0000" + p.date(), p, LambdaMerge::newer);
        sources.put(p, r);
      } catch (MalformedRecordException e) {
        metrics.poison.increment();
        LOG.warn(
            "record {}-{}@{} is not a prediction ({}); sent to the dead-letter topic",
            r.topic(),
            r.partition(),
            r.offset(),
            e.reason());
        deadLetters.send(r, e.reason());
      }
    }
    List<Prediction> batch = new ArrayList<>(rows.values());
    consumer.pause(consumer.assignment());
    try {
      for (SpeedViewStore store : stores) {
        if (!write(store, batch, sources)) {
          return false;
        }
      }
      deadLetters.flush();
    } finally {
      consumer.resume(consumer.paused());
    }
    try {
      consumer.commitSync(offsets);
    } catch (CommitFailedException | RebalanceInProgressException e) {
      // the rows are written; whoever owns the partitions now rewrites them, idempotently
      LOG.warn(
          "offsets not committed ({}); the next owner of the partitions loads these {} rows again, idempotently",
          e.getMessage(),
          batch.size());
    }
    metrics.speedRows.add(batch.size());
    metrics.speedProgressed();
    feed.publish(batch);
    return true;
  }

  /**
   * Writes the batch to one store: transient failures are retried with backoff; rows the store
   * refuses for good go to the dead-letter topic with its reason and leave the batch (so no store
   * serves them); when it refuses the request without naming a row, the rows are written one by one
   * to find the ones it refuses. False if stopped first.
   */
  private boolean write(
      SpeedViewStore store,
      List<Prediction> batch,
      Map<Prediction, ConsumerRecord<byte[], byte[]>> sources) {
    int[] attempts = {0};
    try {
      return Backoff.untilDone(
          store.storeName(),
          batch.size() + " rows",
          () -> {
            if (attempts[0]++ > 0) {
              metrics.storeRetries.increment();
            }
            store.writeSpeed(batch);
          },
          () -> stopping,
          this::keepMembership);
    } catch (RejectedException e) {
      Map<Prediction, String> refused = e.rejected();
      if (refused.isEmpty()) {
        if (batch.size() == 1) {
          refused = Map.of(batch.get(0), e.getMessage());
        } else {
          // the store named no row: one row at a time finds the ones it refuses
          for (Prediction p : List.copyOf(batch)) {
            List<Prediction> one = new ArrayList<>(List.of(p));
            if (!write(store, one, sources)) {
              return false;
            }
            if (one.isEmpty()) {
              batch.remove(p);
            }
          }
          return true;
        }
      }
      for (Map.Entry<Prediction, String> r : refused.entrySet()) {
        ConsumerRecord<byte[], byte[]> source = sources.get(r.getKey());
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
        if (source != null) {
          deadLetters.send(source, reason);
        }
      }
      batch.removeAll(refused.keySet());
      return batch.isEmpty() || write(store, batch, sources);
    }
  }

  /**
   * Polls with every partition paused, so the group keeps this member while a store is down; a
   * partition assigned meanwhile is not paused yet, so anything it returns is sought back, unread.
   */
  private void keepMembership() {
    metrics.speedStalled();
    ConsumerRecords<byte[], byte[]> unexpected = consumer.poll(Duration.ZERO);
    for (TopicPartition tp : unexpected.partitions()) {
      consumer.seek(tp, unexpected.records(tp).get(0).offset());
    }
    consumer.pause(consumer.assignment());
  }
}
