package io.stocklambda.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads whole topics the way a materialized view needs them: every partition from its beginning,
 * committed records only (the speed layer writes in transactions), no consumer group (every reader
 * sees everything and commits nothing). Either once to the end ({@link #readToEnd}) or following
 * the topics on a daemon thread ({@link #follow}). A topic that does not exist yet is picked up
 * when it appears, and so are partitions added later; a broker that does not answer is tried again.
 */
public final class TopicTail implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);

  /** How often a followed topic's partitions are looked up again. */
  static final Duration REFRESH = Duration.ofSeconds(10);

  private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
  private final List<String> topics;
  private final Consumer<ConsumerRecord<String, byte[]>> sink;
  private final Set<TopicPartition> assigned = new HashSet<>();
  private volatile boolean stopping;
  private Thread thread;

  /** Bytes the broker gathers for a fetch before it answers (unless the wait ends first). */
  static final int FETCH_MIN_BYTES = 256 * 1024;

  /** How long the broker holds a fetch that has less than {@link #FETCH_MIN_BYTES}, in ms. */
  static final int FETCH_MAX_WAIT_MS = 250;

  TopicTail(
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      List<String> topics,
      Consumer<ConsumerRecord<String, byte[]>> sink) {
    this.consumer = consumer;
    this.topics = List.copyOf(topics);
    this.sink = sink;
  }

  private static KafkaConsumer<String, byte[]> consumer(String bootstrap, String clientId) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
            false,
            // a position that retention removed while the tail was behind: on from the earliest
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            // a tail is a view, not a stage of the live path: the broker gathers up to
            // FETCH_MIN_BYTES for it, or answers after FETCH_MAX_WAIT_MS, so that at 10,000
            // ticks/s it fetches a few times a second, not on every commit of the speed layer
            // (each fetch a request and wake-ups on the cores the live path shares, issue 18)
            ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
            FETCH_MIN_BYTES,
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
            FETCH_MAX_WAIT_MS,
            ConsumerConfig.CLIENT_ID_CONFIG,
            clientId),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  /**
   * Hands every record committed so far on the topics to {@code sink}, in order per partition.
   *
   * @throws IllegalStateException if the end is not reached within the timeout
   * @throws org.apache.kafka.common.errors.TimeoutException if the broker does not answer
   */
  public static void readToEnd(
      String bootstrap,
      List<String> topics,
      Duration timeout,
      Consumer<ConsumerRecord<String, byte[]>> sink) {
    try (TopicTail tail = new TopicTail(consumer(bootstrap, "stocklambda-read"), topics, sink)) {
      Instant deadline = Instant.now().plus(timeout);
      tail.assign(timeout);
      Map<TopicPartition, Long> end = tail.consumer.endOffsets(tail.assigned, timeout);
      while (end.entrySet().stream()
          .anyMatch(e -> tail.consumer.position(e.getKey(), timeout) < e.getValue())) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "reading " + topics + " at " + bootstrap + " did not finish within " + timeout);
        }
        tail.poll(Duration.ofMillis(200));
      }
    }
  }

  /** Follows the topics on a daemon thread named {@code clientId} until closed. */
  public static TopicTail follow(
      String bootstrap,
      List<String> topics,
      String clientId,
      Consumer<ConsumerRecord<String, byte[]>> sink) {
    TopicTail tail = new TopicTail(consumer(bootstrap, clientId), topics, sink);
    tail.thread = new Thread(tail::run, clientId);
    tail.thread.setDaemon(true);
    tail.thread.start();
    return tail;
  }

  private void run() {
    Instant refreshed = Instant.EPOCH;
    try {
      while (!stopping) {
        try {
          if (Instant.now().isAfter(refreshed.plus(REFRESH))) {
            refreshed = Instant.now();
            assign(Duration.ofSeconds(5));
          }
          if (assigned.isEmpty()) {
            Thread.sleep(500);
          } else {
            poll(Duration.ofMillis(500));
          }
        } catch (WakeupException | InterruptException e) {
          return; // closing
        } catch (KafkaException e) {
          LOG.warn("{} not read, trying again: {}", topics, e.toString());
          Thread.sleep(REFRESH.toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Assigns the partitions that appeared since the last call, each from its beginning. */
  void assign(Duration timeout) {
    List<TopicPartition> added = new ArrayList<>();
    for (String topic : topics) {
      for (PartitionInfo p : consumer.partitionsFor(topic, timeout)) {
        TopicPartition tp = new TopicPartition(p.topic(), p.partition());
        if (!assigned.contains(tp)) {
          added.add(tp);
        }
      }
    }
    if (!added.isEmpty()) {
      assigned.addAll(added);
      consumer.assign(assigned);
      consumer.seekToBeginning(added);
    }
  }

  /** One poll into the sink. */
  void poll(Duration timeout) {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
      try {
        sink.accept(r);
      } catch (RuntimeException e) {
        LOG.warn("{}-{}@{} skipped: {}", r.topic(), r.partition(), r.offset(), e.toString());
      }
    }
  }

  @Override
  public void close() {
    if (thread == null) {
      consumer.close(Duration.ofSeconds(5));
      return;
    }
    stopping = true;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
