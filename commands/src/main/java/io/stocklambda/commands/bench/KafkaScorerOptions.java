package io.stocklambda.commands.bench;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.commands.Component;
import io.stocklambda.commands.speed.SpeedRunOptions;

/**
 * {@code stocklambda bench kafka-scorer}: the speed benchmark's floor, started by {@code bench
 * speed}: the speed layer's scoring in Kafka's own consume-transform-produce loop (a consumer and a
 * transactional producer a thread, offsets committed in the producer's transaction), the stocks'
 * state in memory only.
 */
@Command(
    name = "kafka-scorer",
    description =
        "A plain Kafka consume-transform-produce loop doing the speed layer's windowing and scoring, exactly once, state in memory only (no changelog), for 'bench speed' to compare: the least any Kafka engine must do")
public class KafkaScorerOptions extends AnchorScorerOptions {

  @Option(
      name = "--threads",
      title = "n",
      description =
          "Loops, each with its own consumer of a fixed share of the partitions and its own "
              + "transactional producer (default 2, the speed layer's threads)")
  @IntegerRange(min = 1, max = 64)
  public int threads = 2;

  @Option(
      name = "--commit-interval-ms",
      title = "ms",
      description =
          "How often each loop commits its transaction, its input offsets in it (default 50, the "
              + "speed layer's commit interval)")
  @IntegerRange(min = 1, max = 60_000)
  public int commitIntervalMs = SpeedRunOptions.DEFAULT_COMMIT_INTERVAL_MS;

  @Override
  public Component component() {
    return Component.BENCH;
  }
}
