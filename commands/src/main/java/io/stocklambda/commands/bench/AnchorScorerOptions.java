package io.stocklambda.commands.bench;

import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.Required;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.commands.ComponentOptions;
import io.stocklambda.core.config.Defaults;

/**
 * What every engine {@code bench speed} starts beside the speed layer reads: the ticks topic, the
 * predictions topic, the model artifact and the window, on one broker. The anchors' commands extend
 * it ({@code bench spark-scorer}, {@code flink-scorer}, {@code kafka-scorer}).
 */
public abstract class AnchorScorerOptions extends ComponentOptions {

  @Option(
      name = "--bootstrap",
      title = "bootstrap",
      description = "Kafka bootstrap servers (default " + Defaults.KAFKA_BOOTSTRAP + ")")
  public String bootstrap = Defaults.KAFKA_BOOTSTRAP;

  @Option(name = "--ticks-topic", title = "topic", description = "Input topic")
  @Required
  public String ticksTopic;

  @Option(name = "--predictions-topic", title = "topic", description = "Output topic")
  @Required
  public String predictionsTopic;

  @Option(
      name = "--model-file",
      title = "file",
      description = "The model artifact (model.json) to score with")
  @Required
  public String modelFile;

  @Option(name = "--window", title = "window", description = "Ticks per window (default 5)")
  @IntegerRange(min = 2, max = 250)
  public int window = 5;

  @Override
  protected String group() {
    return "bench";
  }
}
