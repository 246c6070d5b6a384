package io.stocklambda.bench;

import com.github.rvesse.airline.HelpOption;
import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.DoubleRange;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.commands.speed.SpeedRunOptions;
import io.stocklambda.core.config.Defaults;

/** The options of {@code bench speed}. */
abstract class SpeedBenchOptions {

  @AirlineModule protected HelpOption<SpeedBenchmark> help;

  @AirlineModule MarketInput market = new MarketInput();

  @Option(
      name = "--bootstrap",
      title = "bootstrap",
      description =
          "Kafka bootstrap servers (default "
              + Defaults.KAFKA_BOOTSTRAP
              + "; start it with 'stocklambda stack up --engines kafka')")
  String bootstrap = Defaults.KAFKA_BOOTSTRAP;

  @Option(
      name = "--rates",
      title = "rates",
      description =
          "Comma-separated ticks/s; 'max': the harness sends as fast as it can while the engine"
              + " reads (both share the cores); 'backlog': all the ticks committed to the topic in one"
              + " transaction, then drained by the engine, timed from the commit (the harness off"
              + " the cores); default backlog,max,10000")
  String rates = "backlog,max,10000";

  @Option(
      name = "--engines",
      title = "engines",
      description =
          "Comma-separated: kafka-streams (our speed layer), spark (Spark Structured "
              + "Streaming, the thesis's engine, default state store), spark-rocksdb (the same with Spark's RocksDB state store), "
              + "spark-tws (Spark 4's transformWithState, RocksDB state store), "
              + "flink (Apache Flink 2, keyed process function, exactly-once Kafka sink), "
              + "kafka-loop (the floor: the same scoring in a plain exactly-once Kafka "
              + "consume-transform-produce loop, state in memory only) "
              + "(default kafka-streams,spark,spark-tws,flink)")
  String engines = "kafka-streams,spark,spark-tws,flink";

  @Option(
      name = "--report-dir",
      title = "dir",
      description = "Where the CSV and the PNG charts go (default docs/bench)")
  String reportDir = "docs/bench";

  @Option(
      name = "--ticks",
      title = "ticks",
      description = "Ticks per run, from the start of the market (default: all of the input)")
  Integer ticks;

  @Option(
      name = "--threads",
      title = "threads",
      description = "Speed layer stream threads (default 2)")
  @IntegerRange(min = 1, max = 64)
  int threads = 2;

  @Option(
      name = "--copies",
      title = "copies",
      description =
          "Replay the input as this many markets at once, copy k's stocks renamed "
              + "'<stock>_k', for more stocks and a longer run (default 2: 1,093,182 ticks of 208 stocks from"
              + " the shared files, about 10 s at max rate; with one copy the run lasted 5 to 7 s and"
              + " its first half, a ramp, was 10 to 40 % slower than its second for every engine)")
  @IntegerRange(min = 1, max = 1000)
  int copies = 2;

  @Option(
      name = "--warmup-ticks",
      title = "ticks",
      description =
          "Ticks of a warm-up pass: the input's first ones, under other stock names, before each"
              + " measured run, at full speed or, before a fixed rate's, at that rate (default"
              + " 500000, at most the measured run's ticks; 0 for the smallest pass, one stock's"
              + " five ticks)")
  @IntegerRange(min = 0, max = 100_000_000)
  int warmupTicks = 500_000;

  @Option(
      name = "--warmup-seconds",
      title = "seconds",
      description =
          "Warm-up passes go on for at least this many seconds, so that the engine's JIT compiler"
              + " has done its work before the measured run (default 45: the speed layer compiled"
              + " for about 40 s; after 1,000,000 ticks, about 30 s, its compiler still took 40 %"
              + " of a core in the measured run; 0 for one pass), then while the engine's JIT"
              + " compilers used --warmup-jit-cores or more over the last pass")
  @IntegerRange(min = 0, max = 3600)
  int warmupSeconds = 45;

  @Option(
      name = "--warmup-jit-cores",
      title = "cores",
      description =
          "Warm-up passes end, after --warmup-seconds, once the engine's JIT compilers (all its"
              + " processes') used fewer cores than this over a pass (default 0.05; 1.0 is one"
              + " core busy); the report gives their share of each measured run")
  @DoubleRange(min = 0.0, max = 64.0)
  double warmupJitCores = 0.05;

  @Option(
      name = "--warmup-max-seconds",
      title = "seconds",
      description =
          "No warm-up pass starts after this many seconds, even if the engine's JIT compilers"
              + " are still busy (a --warmup-seconds above it wins; default 180)")
  @IntegerRange(min = 0, max = 7200)
  int warmupMaxSeconds = 180;

  @Option(
      name = "--fixed-rate-seconds",
      title = "seconds",
      description =
          "At a fixed rate, replay this many seconds of ticks (the "
              + "first rate x seconds of the input; default 30: 300,000 ticks at 10,000/s); at max and backlog, all of them")
  @IntegerRange(min = 1, max = 86_400)
  int fixedRateSeconds = 30;

  @Option(
      name = "--no-harness-warmup",
      description =
          "Skip the unmeasured first replay that warms the broker and this benchmark's own "
              + "producer and consumer (without it, whichever engine runs first measures slower)")
  boolean noHarnessWarmup;

  @Option(
      name = "--commit-interval-ms",
      title = "ms",
      description =
          "Speed layer transaction commit interval, and Flink's checkpoint interval (its sink"
              + " commits a transaction per checkpoint) (default 50, the speed layer's default)")
  @IntegerRange(min = 1, max = 60_000)
  int commitIntervalMs = SpeedRunOptions.DEFAULT_COMMIT_INTERVAL_MS;

  @Option(
      name = "--partitions",
      title = "partitions",
      description = "Partitions of the benchmark's tick topic (default 4)")
  @IntegerRange(min = 1, max = 64)
  int partitions = 4;

  @Option(
      name = "--cpu-profile",
      description =
          "Profile the first engine's run at the first rate with async-profiler (CPU samples of "
              + "every thread, Java and native): writes speed-profile.html (flame graph) and "
              + "speed-profile.txt (time by thread and cost centre, top frames) to the report "
              + "directory and prints the summary; the profiler's own cost lowers that run's figures")
  boolean cpuProfile;

  @Option(
      name = "--streams-config",
      title = "key=value",
      description =
          "A Kafka Streams setting for the speed layer under test, as 'speed run --streams-config' "
              + "takes it (producer.compression.type=none); repeatable")
  java.util.List<String> streamsConfig = new java.util.ArrayList<>();
}
