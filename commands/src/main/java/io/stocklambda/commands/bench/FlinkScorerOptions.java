package io.stocklambda.commands.bench;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.Required;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.commands.Component;

/**
 * {@code stocklambda bench flink-scorer}: the speed benchmark's Flink anchor, started by {@code
 * bench speed}.
 */
@Command(
    name = "flink-scorer",
    description =
        "Apache Flink doing the speed layer's windowing and scoring with an exactly-once Kafka sink, for 'bench speed' to compare")
public class FlinkScorerOptions extends AnchorScorerOptions {

  @Option(
      name = "--checkpoint",
      title = "dir",
      description = "Directory of the job's checkpoints (the heap state backend's snapshots)")
  @Required
  public String checkpoint;

  @Option(
      name = "--parallelism",
      title = "n",
      description = "Parallel instances of every operator (default 2, the speed layer's threads)")
  @IntegerRange(min = 1, max = 64)
  public int parallelism = 2;

  @Option(
      name = "--checkpoint-interval-ms",
      title = "ms",
      description =
          "Checkpoint interval: the exactly-once sink commits its transaction on each completed "
              + "checkpoint, as the speed layer on each commit (default 50, the speed layer's commit interval)")
  @IntegerRange(min = 10, max = 600_000)
  public int checkpointIntervalMs =
      io.stocklambda.commands.speed.SpeedRunOptions.DEFAULT_COMMIT_INTERVAL_MS;

  @Override
  public Component component() {
    return Component.BENCH_FLINK;
  }
}
