package io.stocklambda.ingest.archive;

import io.stocklambda.commands.ComponentMain;
import io.stocklambda.commands.ingest.ArchiveOptions;
import io.stocklambda.core.dataset.Topics;
import io.stocklambda.core.progress.GracefulStop;
import io.stocklambda.hdfs.Hdfs;
import io.stocklambda.kafka.DeadLetterProducer;
import io.stocklambda.kafka.KafkaTopics;
import io.stocklambda.kafka.TopicSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** {@code stocklambda ingest archive}. */
public final class ArchiveCommand extends ArchiveOptions implements ComponentMain.Executable {

  @Override
  public int execute() {
    ArchiveConfig config =
        new ArchiveConfig(
            bootstrap,
            topic,
            dataset.hdfs,
            dataset.layout(),
            group,
            instance,
            rollRecords,
            Duration.ofSeconds(rollSeconds),
            crashAfter,
            arrivalDate == null ? null : java.time.LocalDate.parse(arrivalDate));
    KafkaTopics.ensure(bootstrap, TopicSpec.ticks(topic, 4));

    GracefulStop stop =
        GracefulStop.install(
            Duration.ofSeconds(60)); // flush and say where to resume before exiting

    try (FileSystem fs = Hdfs.open(dataset.hdfs);
        KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(
                consumerConfig(config), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        DeadLetterProducer deadLetters =
            new DeadLetterProducer(bootstrap, Topics.deadLetters(topic), "ingest-archive")) {
      Archiver archiver = new Archiver(config, fs, consumer, deadLetters, System.out);
      IdleWatch idle = new IdleWatch(untilIdle);
      System.err.printf(
          "archiving '%s' at %s into %s%s%n",
          topic, bootstrap, dataset.hdfs, config.layout().stream());
      archiver.run(() -> stop.requested() || idle.idle(archiver.consumed(), consumer));
      System.out.printf(
          "archived %,d ticks, %,d dead-lettered%n", archiver.archived(), archiver.deadLettered());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    stop.close();
    return 0;
  }

  static Map<String, Object> consumerConfig(ArchiveConfig config) {
    return Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        config.bootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG,
        config.groupId(),
        // static membership: an archiver restarted after a crash takes its partitions back at once,
        // instead of waiting for the dead member's session to expire
        ConsumerConfig.GROUP_PROTOCOL_CONFIG,
        "classic",
        ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
        config.groupId() + "-" + config.instance(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
        false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
        "read_committed",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
        "earliest",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
        10_000,
        ConsumerConfig.CLIENT_ID_CONFIG,
        "stocklambda-archive");
  }

  /**
   * Stops an archive run once nothing new has come for a while and it has read every partition it
   * holds to its end (other instances of the group hold the rest; once it leaves, they take its
   * partitions from where its manifests end).
   */
  static final class IdleWatch {
    private final Integer seconds;
    private long seen = -1;
    private long since = System.nanoTime();

    IdleWatch(Integer seconds) {
      this.seconds = seconds;
    }

    boolean idle(long count, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer) {
      if (seconds == null) {
        return false;
      }
      if (count != seen) {
        seen = count;
        since = System.nanoTime();
        return false;
      }
      if (System.nanoTime() - since < seconds * 1_000_000_000L) {
        return false;
      }
      java.util.Set<org.apache.kafka.common.TopicPartition> assigned = consumer.assignment();
      if (assigned.isEmpty()) {
        return false; // not in the group yet, or between assignments
      }
      Map<org.apache.kafka.common.TopicPartition, Long> ends = consumer.endOffsets(assigned);
      return assigned.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
    }
  }
}
