package io.stocklambda.ingest;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics ingest writes to, if they are missing. */
public final class KafkaTopics {

  private KafkaTopics() {}

  public static void ensure(String bootstrap, Map<String, Integer> partitionsByTopic) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      for (Map.Entry<String, Integer> topic : partitionsByTopic.entrySet()) {
        if (!existing.contains(topic.getKey())) {
          try {
            admin.createTopics(java.util.List.of(new NewTopic(topic.getKey(), topic.getValue(), (short) 1)))
                .all().get(30, TimeUnit.SECONDS);
          } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
              throw e;
            }
          }
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot reach Kafka at " + bootstrap + " to create " + partitionsByTopic.keySet()
          + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
