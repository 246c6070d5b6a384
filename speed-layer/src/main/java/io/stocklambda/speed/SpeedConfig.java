package io.stocklambda.speed;

import io.stocklambda.commands.speed.SpeedRunOptions;
import io.stocklambda.core.dataset.Topics;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.window.Window;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The speed layer's configuration, read once from the command line.
 *
 * @param instance this instance's static membership id in the application's group: a restarted
 *     instance takes its partitions back at once instead of waiting out the old session
 * @param windowSize ticks per window kept per stock; a model for another size is refused
 * @param modelName the key on the models topic of the model to score with
 * @param commitIntervalMs how often a transaction commits: predictions become visible to
 *     read_committed readers only then, so it bounds latency from below, while each commit costs a
 *     transaction round trip and a store flush
 * @param driftTopic where each task's feature-drift snapshots go (compacted)
 * @param driftInterval wall-clock time between two snapshots of a task
 * @param streamsOverrides Kafka Streams settings applied over the speed layer's own, by Kafka
 *     Streams' names ({@code producer.compression.type}); never one of {@link #RESERVED}
 */
public record SpeedConfig(
    String bootstrap,
    String applicationId,
    String instance,
    Path stateDir,
    int threads,
    int windowSize,
    int commitIntervalMs,
    String modelName,
    String ticksTopic,
    String predictionsTopic,
    String dlqTopic,
    String modelsTopic,
    String driftTopic,
    Duration driftInterval,
    Map<String, String> streamsOverrides) {

  /** Settings with options of their own, and the guarantee the speed layer is built on. */
  public static final Set<String> RESERVED =
      Set.of(
          StreamsConfig.APPLICATION_ID_CONFIG,
          StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
          StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
          StreamsConfig.NUM_STREAM_THREADS_CONFIG,
          StreamsConfig.STATE_DIR_CONFIG,
          StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
          StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
          StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);

  public SpeedConfig {
    Objects.requireNonNull(bootstrap, "bootstrap");
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(stateDir, "stateDir");
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1");
    }
    if (commitIntervalMs < 1) {
      throw new IllegalArgumentException("--commit-interval-ms must be at least 1");
    }
    Objects.requireNonNull(driftTopic, "driftTopic");
    if (driftInterval == null || driftInterval.isNegative() || driftInterval.isZero()) {
      throw new IllegalArgumentException("--drift-seconds must be at least 1");
    }
    if (windowSize < 2) {
      throw new IllegalArgumentException("--window must be at least 2");
    }
    streamsOverrides = Map.copyOf(streamsOverrides);
    for (String key : streamsOverrides.keySet()) {
      if (RESERVED.contains(key)) {
        throw new IllegalArgumentException(
            "--streams-config cannot set "
                + key
                + (key.equals(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)
                    ? ": the speed layer is exactly once"
                    : key.equals(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG)
                            || key.equals(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG)
                        ? ": poison goes to the speed layer's dead-letter topic"
                        : ": it has an option of its own"));
      }
    }
  }

  /**
   * {@code key=value} settings as a map, the last of a key winning.
   *
   * @throws IllegalArgumentException for a setting without '=' or without a key
   */
  public static Map<String, String> parseOverrides(List<String> settings) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String setting : settings) {
      int eq = setting.indexOf('=');
      if (eq <= 0 || setting.substring(0, eq).isBlank()) {
        throw new IllegalArgumentException(
            "--streams-config takes key=value (a Kafka Streams setting), not '" + setting + "'");
      }
      out.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
    }
    return out;
  }

  /** Where candidates' predictions go: {@code <predictions-topic>-shadow}. */
  public String shadowTopic() {
    return Topics.shadow(predictionsTopic);
  }

  /** The contract's topics, a window of 5, the default model. */
  public static SpeedConfig defaults(String bootstrap, Path stateDir) {
    return new SpeedConfig(
        bootstrap,
        "stocklambda-speed",
        "1",
        stateDir,
        2,
        Window.DEFAULT_SIZE,
        SpeedRunOptions.DEFAULT_COMMIT_INTERVAL_MS,
        ModelArtifact.DEFAULT_NAME,
        Topics.TICKS,
        Topics.PREDICTIONS,
        Topics.TICKS_DLQ,
        Topics.MODELS,
        Topics.FEATURE_DRIFT,
        Duration.ofSeconds(SpeedRunOptions.DEFAULT_DRIFT_SECONDS),
        Map.of());
  }
}
