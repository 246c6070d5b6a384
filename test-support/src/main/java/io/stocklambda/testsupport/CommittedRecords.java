package io.stocklambda.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a topic from the start with read_committed until it holds {@code expected} records or the
 * time is up.
 */
public final class CommittedRecords {

  private CommittedRecords() {}

  public static List<ConsumerRecord<byte[], byte[]>> read(
      String bootstrap, String topic, long expected, Duration timeout) {
    return read(bootstrap, topic, expected, timeout, Duration.ZERO);
  }

  /**
   * As {@link #read(String, String, long, Duration)}, reading on for {@code settleFor} once the
   * expected count is reached, so that a record written twice shows as a duplicate.
   */
  public static List<ConsumerRecord<byte[], byte[]>> read(
      String bootstrap, String topic, long expected, Duration timeout, Duration settleFor) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      long settle = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, settle)) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        if (records.size() >= expected && settle == Long.MAX_VALUE) {
          settle = System.nanoTime() + settleFor.toNanos();
        }
      }
    }
    return records;
  }
}
