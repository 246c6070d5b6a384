package io.stocklambda.benchspark;

import io.stocklambda.core.progress.ProcessLifecycle;
import com.github.rvesse.airline.Cli;
import com.github.rvesse.airline.annotations.Group;
import com.github.rvesse.airline.help.Help;
import com.github.rvesse.airline.parser.errors.ParseException;

/** Entry point of the benchmark's Spark Structured Streaming anchor: {@code stocklambda bench spark-scorer}. */
@com.github.rvesse.airline.annotations.Cli(
    name = "stocklambda",
    description = "stocklambda benchmark anchor (Spark Structured Streaming)",
    commands = {Help.class},
    groups = @Group(name = "bench", description = "Benchmarks", commands = {SparkStreamingScorer.class}))
public final class BenchSparkMain {

  private BenchSparkMain() {}

  public static void main(String[] args) {
    ProcessLifecycle.install("stocklambda bench-spark");
    int status = 0;
    try {
      new Cli<Runnable>(BenchSparkMain.class).parse(args).run();
    } catch (ParseException | IllegalArgumentException e) {
      System.err.println("stocklambda: " + e.getMessage());
      status = 2;
    } catch (RuntimeException e) {
      System.err.println("stocklambda: spark-scorer failed: " + e);
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }
}
