package io.stocklambda.serving.drift;

import io.stocklambda.core.eval.DriftSnapshot;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.json.MalformedRecordException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted {@code feature-drift} topic from its beginning into a {@link DriftBoard}, on
 * a thread of its own, for as long as the server runs. No consumer group: every serving instance
 * reads every partition (the topic holds one snapshot per model version and speed-layer task), and
 * only committed transactions, as the speed layer writes them. A record that does not decode is
 * logged and skipped; a topic that does not exist yet (it is the speed layer's to create), or a
 * broker that does not answer, is tried again every {@link #RETRY}.
 */
public final class DriftConsumer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DriftConsumer.class);
  private static final JsonCodec<DriftSnapshot> SNAPSHOTS = JsonCodec.of(DriftSnapshot.class);

  /** How long to wait before looking again for a missing topic. */
  static final Duration RETRY = Duration.ofSeconds(10);

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final DriftBoard board = new DriftBoard();
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread = new Thread(this::run, "feature-drift-consumer");

  DriftConsumer(Consumer<String, byte[]> consumer, String topic) {
    this.consumer = consumer;
    this.topic = topic;
    thread.setDaemon(true);
  }

  /** Starts reading {@code topic} at {@code bootstrap}. */
  public static DriftConsumer start(String bootstrap, String topic) {
    DriftConsumer drift =
        new DriftConsumer(
            new KafkaConsumer<>(
                Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    false,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed",
                    ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                    false,
                    ConsumerConfig.CLIENT_ID_CONFIG,
                    "stocklambda-serving-drift"),
                new StringDeserializer(),
                new ByteArrayDeserializer()),
            topic);
    drift.thread.start();
    return drift;
  }

  public DriftBoard board() {
    return board;
  }

  private void run() {
    try {
      while (stop.getCount() > 0) {
        try {
          if (consumer.assignment().isEmpty() && !assign()) {
            stop.await(RETRY.toMillis(), TimeUnit.MILLISECONDS);
            continue;
          }
          poll(Duration.ofSeconds(1));
        } catch (WakeupException e) {
          return; // closing
        } catch (KafkaException e) {
          LOG.warn("feature drift from '{}' not read, trying again: {}", topic, e.toString());
          stop.await(RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Assigns every partition of the topic from its beginning; false when it does not exist yet. */
  boolean assign() {
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    if (partitions.isEmpty()) {
      return false;
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return true;
  }

  /** One poll into the board. */
  void poll(Duration timeout) {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
      if (r.key() == null) {
        continue;
      }
      if (r.value() == null) {
        board.remove(r.key());
        continue;
      }
      try {
        board.accept(r.key(), SNAPSHOTS.decode(r.value()));
      } catch (MalformedRecordException e) {
        LOG.warn("skipped a feature-drift record at offset {}: {}", r.offset(), e.reason());
      }
    }
  }

  @Override
  public void close() {
    stop.countDown();
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
