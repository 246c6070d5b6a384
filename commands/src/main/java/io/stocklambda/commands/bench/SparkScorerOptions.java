package io.stocklambda.commands.bench;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.AllowedRawValues;
import com.github.rvesse.airline.annotations.restrictions.Required;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.commands.Component;
import io.stocklambda.core.config.Defaults;

/**
 * {@code stocklambda bench spark-scorer}: the speed benchmark's Spark Structured Streaming anchor,
 * started by {@code bench speed}.
 */
@Command(
    name = "spark-scorer",
    description =
        "Spark Structured Streaming doing the speed layer's windowing and scoring, for 'bench speed' to compare")
public class SparkScorerOptions extends AnchorScorerOptions {

  @Option(name = "--checkpoint", title = "dir", description = "Checkpoint directory of the query")
  @Required
  public String checkpoint;

  @Option(
      name = "--master",
      title = "master",
      description =
          "Spark master (default "
              + Defaults.SPARK_MASTER
              + ", the speed layer's two stream threads)")
  public String master = Defaults.SPARK_MASTER;

  @Option(
      name = "--shuffle-partitions",
      title = "n",
      description = "State partitions (default 4, the topic's partitions)")
  @IntegerRange(min = 1, max = 1000)
  public int shufflePartitions = 4;

  @Option(
      name = "--state-store",
      title = "store",
      description =
          "State store: hdfs (Spark's default, state in the JVM heap, "
              + "snapshots to the checkpoint) or rocksdb (state off-heap in RocksDB, Spark's recommended store for large state) (default hdfs)")
  @AllowedRawValues(allowedValues = {"hdfs", "rocksdb"})
  public String stateStore = "hdfs";

  @Option(
      name = "--state-api",
      title = "api",
      description =
          "Spark's stateful API: flatMapGroupsWithState (the classic one) or transformWithState "
              + "(Spark 4's, on the RocksDB state store whatever --state-store says) (default flatMapGroupsWithState)")
  @AllowedRawValues(allowedValues = {"flatMapGroupsWithState", "transformWithState"})
  public String stateApi = "flatMapGroupsWithState";

  @Override
  public Component component() {
    return Component.BENCH_SPARK;
  }
}
