package io.stocklambda.kafka;

import io.stocklambda.core.dataset.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/** A topic to create if it is missing: its partitions and configuration. */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

  /** Model artifacts can be large (trees); 8 MB per record. */
  public static final int MODEL_BYTES = 8 * 1024 * 1024;

  public static TopicSpec of(String name, int partitions) {
    return new TopicSpec(name, partitions, Map.of());
  }

  /** The compacted {@code models} topic: the latest artifact per model name, kept forever. */
  public static TopicSpec models(String name) {
    return new TopicSpec(
        name,
        1,
        Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_COMPACT,
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
            Integer.toString(MODEL_BYTES)));
  }

  /**
   * The compacted {@code feature-drift} topic: the latest drift snapshot per model version and
   * speed-layer task, kept forever.
   */
  public static TopicSpec featureDrift(String name) {
    return new TopicSpec(
        name, 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
  }

  /** A tick topic with its dead-letter topic. */
  public static List<TopicSpec> ticks(String name, int partitions) {
    return List.of(of(name, partitions), of(Topics.deadLetters(name), 1));
  }
}
