package io.stocklambda.serving.load;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The Kafka consumer {@link SpeedViewLoader} reads {@code predictions} with. */
public final class SpeedViewConsumer {

  private SpeedViewConsumer() {}

  /**
   * The speed-view loader's consumer: a member of {@code groupId} with static membership ({@code
   * <groupId>-<instance>}), manual commits, read_committed, from the earliest offset.
   */
  public static KafkaConsumer<byte[], byte[]> create(
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
}
