package io.stocklambda.bench;

import com.github.rvesse.airline.HelpOption;
import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.DoubleRange;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.commands.serving.StoreLocation;
import io.stocklambda.core.config.Defaults;

/** The options of {@code bench end-to-end}. */
abstract class EndToEndOptions {

  /** Where the serving stores are ('stocklambda stack up --engines hbase,elasticsearch'). */
  @AirlineModule StoreLocation stores = new StoreLocation();

  @AirlineModule protected HelpOption<EndToEndBenchmark> help;

  @Option(
      name = "--bootstrap",
      title = "bootstrap",
      description =
          "Kafka (default "
              + Defaults.KAFKA_BOOTSTRAP
              + "; 'stocklambda stack up --engines kafka,hbase,elasticsearch')")
  String bootstrap = Defaults.KAFKA_BOOTSTRAP;

  @Option(
      name = "--rates",
      title = "rates",
      description = "Comma-separated ticks/s (default 100,1000)")
  String rates = "100,1000";

  @Option(
      name = "--seconds",
      title = "seconds",
      description = "Seconds of ticks per rate, after 5 s filling the windows (default 20)")
  @IntegerRange(min = 5, max = 3600)
  int seconds = 20;

  @Option(
      name = "--warmup-seconds",
      title = "seconds",
      description =
          "Seconds of ticks at 1,000 ticks/s before the measured rates, not recorded, at least"
              + " (default 120; 0 for none): the speed layer, the serving layer and this benchmark"
              + " start fresh JVMs whose JIT compilers share the cores with the stack. The warm-up"
              + " goes on in rounds of 35 s of ticks while the compilers of every process of the"
              + " run together used --warmup-jit-cores or more over the last round"
              + " (docs/benchmarks.md)")
  @IntegerRange(min = 0, max = 3600)
  int warmupSeconds = 120;

  @Option(
      name = "--warmup-jit-cores",
      title = "cores",
      description =
          "The warm-up ends once the JIT compilers of every process of the run (the layers, this"
              + " benchmark, the stack's engines) used fewer cores than this together over a round"
              + " (35 s of ticks; default 0.10; 1.0 is one core busy)")
  @DoubleRange(min = 0.0, max = 64.0)
  double warmupJitCores = 0.10;

  @Option(
      name = "--warmup-max-seconds",
      title = "seconds",
      description =
          "No warm-up round starts after this many seconds of ticks, even if the JIT compilers"
              + " are still busy (a --warmup-seconds above it wins); the report gives their share of"
              + " each measured rate's CPU (default 900)")
  @IntegerRange(min = 0, max = 7200)
  int warmupMaxSeconds = 900;

  @Option(
      name = "--probes-per-second",
      title = "n",
      description =
          "Ticks followed into both stores per second (default 20; the pending ones that are due"
              + " are looked up in one request per store every 10 ms, a probe waiting t ms every"
              + " max(10, t/20) ms, so more probes make requests larger, not more; p99 of a 20 s"
              + " run then rests on 400 probes)")
  @IntegerRange(min = 1, max = 100)
  int probesPerSecond = 20;

  @Option(
      name = "--speed-commit-interval-ms",
      title = "ms",
      description =
          "The speed layer's transaction commit interval ('speed run --commit-interval-ms';"
              + " default its own, "
              + io.stocklambda.commands.speed.SpeedRunOptions.DEFAULT_COMMIT_INTERVAL_MS
              + ")")
  @IntegerRange(min = 1, max = 60_000)
  int speedCommitIntervalMs =
      io.stocklambda.commands.speed.SpeedRunOptions.DEFAULT_COMMIT_INTERVAL_MS;

  @Option(
      name = "--stack-dir",
      title = "dir",
      description =
          "The stack's directory, whose engines' CPU is reported beside the layers' (default"
              + " stocklambda-data/stack)")
  String stackDir = "stocklambda-data/stack";

  @Option(
      name = "--idle-seconds",
      title = "seconds",
      description =
          "Seconds without ticks after the warm-up whose CPU is the baseline of the CPU per tick"
              + " (default 10)")
  @IntegerRange(min = 1, max = 600)
  int idleSeconds = 10;

  @Option(
      name = "--report-dir",
      title = "dir",
      description = "Where the CSVs and the PNG chart go (default docs/bench)")
  String reportDir = "docs/bench";
}
