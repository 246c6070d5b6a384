package io.stocklambda.kafka;

import io.stocklambda.core.eval.LiveScoreboard;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.json.MalformedRecordException;
import io.stocklambda.core.prediction.Prediction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads resolved predictions from prediction topics (committed records only, every partition from
 * its beginning, no consumer group) into a {@link LiveScoreboard}: once to the end ({@link
 * #readToEnd}, for the {@code model} commands) or following the topics ({@link #follow}, for the
 * serving layer). A topic that does not exist yet is picked up when it appears; a record that is
 * not a prediction is skipped and counted.
 */
public final class PredictionOutcomes implements AutoCloseable {

  private static final JsonCodec<Prediction> PREDICTIONS = JsonCodec.of(Prediction.class);
  private static final Duration REFRESH = Duration.ofSeconds(10);

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<String> topics;
  private final LiveScoreboard scoreboard = new LiveScoreboard();
  private final Set<TopicPartition> assigned = new HashSet<>();
  private long skipped;
  private Instant refreshed = Instant.EPOCH;
  private Thread thread;

  private PredictionOutcomes(String bootstrap, List<String> topics) {
    this.topics = List.copyOf(topics);
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                false,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "stocklambda-outcomes"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
  }

  /**
   * Every resolved prediction committed so far on the topics.
   *
   * @throws IllegalStateException if the end is not reached within the timeout (Kafka unreachable)
   */
  public static LiveScoreboard readToEnd(String bootstrap, List<String> topics, Duration timeout) {
    try (PredictionOutcomes outcomes = new PredictionOutcomes(bootstrap, topics)) {
      Instant deadline = Instant.now().plus(timeout);
      outcomes.assign(timeout);
      Map<TopicPartition, Long> end = outcomes.consumer.endOffsets(outcomes.assigned, timeout);
      while (end.entrySet().stream()
          .anyMatch(e -> outcomes.consumer.position(e.getKey(), timeout) < e.getValue())) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "reading " + topics + " at " + bootstrap + " did not finish within " + timeout);
        }
        outcomes.poll();
      }
      return outcomes.scoreboard;
    }
  }

  /** Follows the topics on a daemon thread until closed. */
  public static PredictionOutcomes follow(String bootstrap, List<String> topics) {
    PredictionOutcomes outcomes = new PredictionOutcomes(bootstrap, topics);
    outcomes.thread =
        new Thread(
            () -> {
              try {
                while (!Thread.currentThread().isInterrupted()) {
                  if (Instant.now().isAfter(outcomes.refreshed.plus(REFRESH))) {
                    outcomes.assign(Duration.ofSeconds(30));
                  }
                  outcomes.poll();
                }
              } catch (WakeupException | org.apache.kafka.common.errors.InterruptException e) {
                // closing
              }
            },
            "prediction-outcomes");
    outcomes.thread.setDaemon(true);
    outcomes.thread.start();
    return outcomes;
  }

  /** The figures read so far. */
  public LiveScoreboard scoreboard() {
    return scoreboard;
  }

  /** Records skipped because they were not predictions. */
  public synchronized long skipped() {
    return skipped;
  }

  private void assign(Duration timeout) {
    refreshed = Instant.now();
    Set<TopicPartition> all = new HashSet<>(assigned);
    for (String topic : topics) {
      for (PartitionInfo p : consumer.partitionsFor(topic, timeout)) {
        all.add(new TopicPartition(p.topic(), p.partition()));
      }
    }
    if (all.size() > assigned.size()) {
      List<TopicPartition> added = new ArrayList<>(all);
      added.removeAll(assigned);
      consumer.assign(all);
      consumer.seekToBeginning(added);
      assigned.addAll(added);
    }
  }

  private void poll() {
    if (assigned.isEmpty()) {
      sleep();
      return;
    }
    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
      try {
        scoreboard.add(PREDICTIONS.decode(r.value()));
      } catch (MalformedRecordException | IllegalArgumentException | NullPointerException e) {
        synchronized (this) {
          skipped++;
        }
      }
    }
  }

  private void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (thread != null) {
      consumer.wakeup();
      thread.interrupt();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    consumer.close(Duration.ofSeconds(5));
  }
}
