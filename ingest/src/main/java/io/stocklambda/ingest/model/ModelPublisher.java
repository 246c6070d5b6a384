package io.stocklambda.ingest.model;

import io.stocklambda.core.dataset.Topics;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelKeys;
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
 * Publishes to the compacted {@code models} topic: an artifact keyed by its name (the speed layer
 * scores with it from its next record on), or a candidate keyed by {@link ModelKeys#candidate}
 * (scored in shadow), or a candidate's tombstone.
 */
final class ModelPublisher {

  private ModelPublisher() {}

  /**
   * @return the record's offset
   * @throws IllegalStateException if the broker does not acknowledge it within a minute
   */
  static long publish(String bootstrap, ModelArtifact artifact) {
    return send(bootstrap, artifact.name(), ModelRegistry.ARTIFACTS.encode(artifact));
  }

  /** Publishes a version as a candidate, scored in shadow ({@link ModelKeys#candidate}). */
  static long candidate(String bootstrap, ModelArtifact artifact) {
    return send(
        bootstrap,
        ModelKeys.candidate(artifact.name(), artifact.version()),
        ModelRegistry.ARTIFACTS.encode(artifact));
  }

  /** A tombstone on a candidate's key: the speed layer stops scoring it in shadow. */
  static long withdraw(String bootstrap, String name, String version) {
    return send(bootstrap, ModelKeys.candidate(name, version), null);
  }

  private static long send(String bootstrap, String key, byte[] value) {
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
          .send(new ProducerRecord<>(Topics.MODELS, key, value))
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
