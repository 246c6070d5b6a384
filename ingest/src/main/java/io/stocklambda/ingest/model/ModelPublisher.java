package io.stocklambda.ingest.model;

import io.stocklambda.core.dataset.Topics;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.hdfs.ModelRegistry;
import io.stocklambda.kafka.KafkaTopics;
import io.stocklambda.kafka.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes a model artifact to the compacted {@code models} topic, keyed by the artifact's name:
 * the speed layer scores with it from its next record on.
 */
final class ModelPublisher {

  private ModelPublisher() {}

  /**
   * @return the record's offset
   * @throws IllegalStateException if the broker does not acknowledge it within a minute
   */
  static long publish(String bootstrap, ModelArtifact artifact) {
    KafkaTopics.ensure(bootstrap, List.of(TopicSpec.models(Topics.MODELS)));
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                TopicSpec.MODEL_BYTES),
            new StringSerializer(),
            new ByteArraySerializer())) {
      return producer
          .send(
              new ProducerRecord<>(
                  Topics.MODELS, artifact.name(), ModelRegistry.ARTIFACTS.encode(artifact)))
          .get(60, TimeUnit.SECONDS)
          .offset();
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot publish to " + Topics.MODELS + " at " + bootstrap + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing", e);
    }
  }
}
