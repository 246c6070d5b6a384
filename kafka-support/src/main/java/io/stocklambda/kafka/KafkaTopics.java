package io.stocklambda.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics a component needs, when they are missing; a topic that exists is left as it
 * is.
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
