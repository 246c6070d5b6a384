package io.stocklambda.benchspark;

import com.github.rvesse.airline.annotations.Group;
import com.github.rvesse.airline.help.Help;
import io.stocklambda.commands.ComponentMain;

/**
 * Entry point of the benchmark's Spark Structured Streaming anchor: {@code stocklambda bench
 * spark-scorer}.
 */
@com.github.rvesse.airline.annotations.Cli(
    name = "stocklambda",
    description = "stocklambda benchmark anchor (Spark Structured Streaming)",
    commands = {Help.class},
    groups =
        @Group(
            name = "bench",
            description = "Benchmarks",
            commands = {SparkStreamingScorer.class}))
public final class BenchSparkMain {

  private BenchSparkMain() {}

  public static void main(String[] args) {
    ComponentMain.main("bench-spark", BenchSparkMain.class, args);
  }
}
