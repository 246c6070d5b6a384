package io.stocklambda.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics a component needs, when they are missing, and returns once every new partition
 * takes writes; a topic that exists is left as it is.
 */
public final class KafkaTopics {

  private KafkaTopics() {}

  public static void ensure(String bootstrap, List<TopicSpec> topics) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (TopicSpec topic : topics) {
        if (!existing.contains(topic.name())) {
          missing.add(
              new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs()));
        }
      }
      for (var result : admin.createTopics(missing).values().entrySet()) {
        try {
          result.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      awaitPartitions(admin, missing);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot reach Kafka at "
              + bootstrap
              + " to create "
              + topics.stream().map(TopicSpec::name).toList()
              + ": "
              + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Waits, up to 30 s, until every partition of the topics just created answers a ListOffsets
   * request on its leader, that is until the leader has applied the topic, so that the first
   * produce request to a new partition is not refused. An idempotent producer whose first batch to
   * a partition was refused that way (NOT_LEADER_OR_FOLLOWER) while its next batch was taken
   * retried the first one with OUT_OF_ORDER_SEQUENCE_NUMBER until {@code delivery.timeout.ms}, then
   * failed it: KAFKA-15591 and KAFKA-18202, fixed in the broker by apache/kafka#23234, seen here on
   * CI when ArchiveIT produced to a new topic ("Kafka refused a tick: Expiring 732 record(s)").
   */
  private static void awaitPartitions(Admin admin, List<NewTopic> created)
      throws ExecutionException, TimeoutException, InterruptedException {
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    for (NewTopic topic : created) {
      for (int p = 0; p < topic.numPartitions(); p++) {
        partitions.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!partitions.isEmpty()) {
      try {
        admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /**
   * Deletes the topics whose names {@code which} accepts (a run's own topics and its Kafka Streams
   * application's internal ones), waiting up to 30 s for the listing and 30 s for the deletion; the
   * broker removes the files a moment later.
   *
   * @return the names deleted
   * @throws IllegalStateException if Kafka cannot be reached or refuses
   */
  public static List<String> delete(String bootstrap, java.util.function.Predicate<String> which) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000))) {
      List<String> names =
          admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
              .filter(which)
              .sorted()
              .toList();
      admin.deleteTopics(names).all().get(30, TimeUnit.SECONDS);
      return names;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot delete topics at "
              + bootstrap
              + ": "
              + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Whether {@code topic} is one of {@code names} or named after one ({@code <name>-...}, as a
   * Kafka Streams application's internal topics are named after its id).
   */
  public static boolean isNamedAfter(String topic, java.util.Collection<String> names) {
    for (String name : names) {
      if (topic.equals(name) || topic.startsWith(name + "-")) {
        return true;
      }
    }
    return false;
  }

  /** The partitions of an existing topic, to give an output topic as many as its input. */
  public static int partitions(String bootstrap, String topic, int otherwise) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
        return otherwise;
      }
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(30, TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .size();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe " + topic + " at " + bootstrap, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
