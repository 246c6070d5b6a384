package io.stocklambda.bench;

import io.stocklambda.core.progress.ProcessLifecycle;
import com.github.rvesse.airline.Cli;
import com.github.rvesse.airline.annotations.Group;
import com.github.rvesse.airline.help.Help;
import com.github.rvesse.airline.parser.errors.ParseException;

/** Entry point of the bench component: {@code stocklambda bench <suite>}. */
@com.github.rvesse.airline.annotations.Cli(
    name = "stocklambda",
    description = "stocklambda benchmarks",
    commands = {Help.class},
    groups = @Group(name = "bench", description = "Benchmarks that print their figures and the machine they ran on",
        commands = {ParseBenchmark.class, SpeedBenchmark.class, BatchBenchmark.class, ServingBenchmark.class, EndToEndBenchmark.class,
            ScaleBenchmark.class}))
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) {
    ProcessLifecycle.install("stocklambda bench");
    try {
      Runnable command = new Cli<Runnable>(BenchMain.class).parse(args);
      command.run();
    } catch (ParseException | IllegalArgumentException e) {
      System.err.println("stocklambda: " + e.getMessage());
      System.exit(2);
    } catch (RuntimeException e) {
      System.err.println("stocklambda: bench failed: " + e);
      System.exit(1);
    }
  }
}
