package io.stocklambda.bench;

import com.github.rvesse.airline.annotations.Group;
import com.github.rvesse.airline.help.Help;
import io.stocklambda.commands.ComponentMain;

/** Entry point of the bench component: {@code stocklambda bench <suite>}. */
@com.github.rvesse.airline.annotations.Cli(
    name = "stocklambda",
    description = "stocklambda benchmarks",
    commands = {Help.class},
    groups =
        @Group(
            name = "bench",
            description = "Benchmarks that print their figures and the machine they ran on",
            commands = {
              ParseBenchmark.class,
              CodecBenchmark.class,
              KafkaLoopScorer.class,
              SpeedBenchmark.class,
              BatchBenchmark.class,
              ServingBenchmark.class,
              EndToEndBenchmark.class,
              ScaleBenchmark.class
            }))
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) {
    ComponentMain.main("bench", BenchMain.class, args);
  }
}
