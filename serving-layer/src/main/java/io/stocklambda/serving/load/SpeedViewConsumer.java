package io.stocklambda.serving.load;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The Kafka consumer {@link SpeedViewLoader} reads {@code predictions} with. */
public final class SpeedViewConsumer {

  /**
   * Records a poll takes at most: 3 s of 10,000 ticks/s, a record a tick. A loader that keeps up
   * gets small polls whatever this is; in a full poll of one that fell behind, a call whose stock
   * ticks again within the poll is found with the record that resolves it, and written once,
   * resolved, instead of twice ({@link PollRows}): at 10,000 ticks/s of 10,000 stocks, the calls of
   * the first 20,000 records. At 5,000, at 10,000 ticks/s of 10,000 stocks, they were never in the
   * same poll: while behind, HBase wrote each call twice, and Elasticsearch did unless the polls it
   * had queued held both (bench end-to-end, docs/benchmarks.md, issue 18). The fetch size per
   * partition (Kafka's default 1 MiB, about 1,700 records) is raised with it, so a fetch of two
   * partitions holds about as many.
   */
  static final int MAX_POLL_RECORDS = 30_000;

  /** Bytes a fetch takes of a partition at most: 8 MiB, about 14,000 records of 600 bytes. */
  static final int MAX_PARTITION_FETCH_BYTES = 8 * 1024 * 1024;

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
            MAX_POLL_RECORDS,
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
            MAX_PARTITION_FETCH_BYTES,
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
