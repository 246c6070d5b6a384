package io.stocklambda.benchflink;

import com.github.rvesse.airline.annotations.Group;
import com.github.rvesse.airline.help.Help;
import io.stocklambda.commands.ComponentMain;

/** Entry point of the benchmark's Flink anchor: {@code stocklambda bench flink-scorer}. */
@com.github.rvesse.airline.annotations.Cli(
    name = "stocklambda",
    description = "stocklambda benchmark anchor (Apache Flink)",
    commands = {Help.class},
    groups =
        @Group(
            name = "bench",
            description = "Benchmarks",
            commands = {FlinkStreamingScorer.class}))
public final class BenchFlinkMain {

  private BenchFlinkMain() {}

  public static void main(String[] args) {
    ComponentMain.main("bench-flink", BenchFlinkMain.class, args);
  }
}
