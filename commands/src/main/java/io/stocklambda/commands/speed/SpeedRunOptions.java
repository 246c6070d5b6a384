package io.stocklambda.commands.speed;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.commands.Component;
import io.stocklambda.commands.ComponentOptions;
import io.stocklambda.core.config.Defaults;
import io.stocklambda.core.dataset.Topics;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.window.Window;
import java.util.ArrayList;
import java.util.List;

/** {@code stocklambda speed run}. */
@Command(
    name = "run",
    description =
        "Kafka Streams: score live ticks with the current model, exactly once; models swap without restart")
public class SpeedRunOptions extends ComponentOptions {

  /**
   * The speed layer's Kafka Streams application id by default: its consumer group, state and
   * internal topics.
   */
  public static final String DEFAULT_APPLICATION_ID = "stocklambda-speed";

  /**
   * Transaction commit interval by default, in milliseconds: half of Kafka Streams' 100 ms for
   * exactly once, because a prediction is readable only after its commit. Issue 18 first cut it to
   * 20 ms (at 10,000 ticks/s the p99 went from 173 to 74 ms); a series of runs then showed 50 ms
   * the better default on two cores: end to end at 1,000 ticks/s the whole path took 1.34 to 1.49
   * cores instead of 1.59 to 1.72, HBase's p99 fell from 190-404 to 178-242 ms and Elasticsearch's
   * from 647-861 to 500-612 ms, while the speed layer alone at 10,000 ticks/s went from a p99 of
   * 48-57 to 66-69 ms and its max rate stayed within the spread (docs/benchmarks.md). A thread with
   * nothing processed does not commit, so an idle layer costs nothing more.
   */
  public static final int DEFAULT_COMMIT_INTERVAL_MS = 50;

  /** Seconds between feature-drift snapshots by default. */
  public static final int DEFAULT_DRIFT_SECONDS = 30;

  @Option(
      name = "--bootstrap",
      title = "bootstrap",
      description = "Kafka bootstrap servers (default " + Defaults.KAFKA_BOOTSTRAP + ")")
  public String bootstrap = Defaults.KAFKA_BOOTSTRAP;

  @Option(
      name = "--application-id",
      title = "application-id",
      description =
          "Kafka Streams application id: its group, state and internal topics (default "
              + DEFAULT_APPLICATION_ID
              + ")")
  public String applicationId = DEFAULT_APPLICATION_ID;

  @Option(
      name = "--instance",
      title = "instance",
      description =
          "This instance's static member id in the application (default 1); one per running instance")
  public String instance = "1";

  @Option(
      name = "--state-dir",
      title = "state-dir",
      description = "Where the per-stock windows are kept (default stocklambda-data/speed)")
  public String stateDir = "stocklambda-data/speed";

  @Option(name = "--threads", title = "threads", description = "Stream threads (default 2)")
  @IntegerRange(min = 1, max = 64)
  public int threads = 2;

  @Option(
      name = "--window",
      title = "window",
      description = "Ticks per window (default 5); models for another size are refused")
  @IntegerRange(min = 2, max = 250)
  public int window = Window.DEFAULT_SIZE;

  @Option(
      name = "--commit-interval-ms",
      title = "ms",
      description =
          "Transaction commit interval (default 50): predictions are visible "
              + "to read_committed readers only after a commit, so this bounds latency from below; longer intervals cost less CPU per tick")
  @IntegerRange(min = 1, max = 60_000)
  public int commitIntervalMs = DEFAULT_COMMIT_INTERVAL_MS;

  @Option(
      name = "--model-name",
      title = "model-name",
      description =
          "Key of the model on the models topic (default " + ModelArtifact.DEFAULT_NAME + ")")
  public String modelName = ModelArtifact.DEFAULT_NAME;

  @Option(
      name = "--ticks-topic",
      title = "ticks-topic",
      description = "Input topic (default ticks); poison goes to <ticks-topic>-dlq")
  public String ticksTopic = Topics.TICKS;

  @Option(
      name = "--predictions-topic",
      title = "predictions-topic",
      description = "Output topic (default predictions)")
  public String predictionsTopic = Topics.PREDICTIONS;

  @Option(
      name = "--models-topic",
      title = "models-topic",
      description = "Compacted topic of model artifacts (default models)")
  public String modelsTopic = Topics.MODELS;

  @Option(
      name = "--partitions",
      title = "partitions",
      description = "Partitions of the tick topic if it has to be created (default 4)")
  @IntegerRange(min = 1, max = 1000)
  public int partitions = 4;

  @Option(
      name = "--metrics-seconds",
      title = "metrics-seconds",
      description = "Seconds between metrics lines (default 10)")
  @IntegerRange(min = 1, max = 3600)
  public int metricsSeconds = 10;

  @Option(
      name = "--drift-seconds",
      title = "drift-seconds",
      description =
          "Seconds between snapshots of the live windows counted into the model's training bins, sent to the "
              + Topics.FEATURE_DRIFT
              + " topic for the population stability index (default "
              + DEFAULT_DRIFT_SECONDS
              + ")")
  @IntegerRange(min = 1, max = 3600)
  public int driftSeconds = DEFAULT_DRIFT_SECONDS;

  @Option(
      name = "--streams-config",
      title = "key=value",
      description =
          "A Kafka Streams setting applied over the speed layer's own, by Kafka Streams' name "
              + "(producer.compression.type=zstd, producer.linger.ms=10, statestore.cache.max.bytes=...); "
              + "repeatable. The settings with options of their own, and processing.guarantee (always exactly_once_v2), are refused")
  public List<String> streamsConfig = new ArrayList<>();

  @Override
  public Component component() {
    return Component.SPEED;
  }

  @Override
  protected String group() {
    return "speed";
  }
}
