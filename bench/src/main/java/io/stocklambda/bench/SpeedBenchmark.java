package io.stocklambda.bench;

import com.github.rvesse.airline.HelpOption;
import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.commands.bench.SparkScorerOptions;
import io.stocklambda.commands.speed.SpeedRunOptions;
import io.stocklambda.core.config.Defaults;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.kafka.KafkaTopics;
import io.stocklambda.kafka.TopicSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code stocklambda bench speed}: the speed layer as users run it (its own process, exactly once),
 * and beside it the thesis's engine, Spark Structured Streaming, doing the same windowing and
 * scoring (core's LiveScoring, the same model artifact) in its own process, each fed the same ticks
 * at each rate from a fresh topic on the same broker; measured from outside with one read_committed
 * consumer: ticks/s from the first tick sent to the last prediction read (and over the second half
 * of the run alone, once the market has its many stocks and the JIT its code), and latency from
 * each tick's send to its predictions' arrival.
 */
@Command(
    name = "speed",
    description =
        "Speed layer (Kafka Streams) against Spark Structured Streaming on the same ticks: throughput, latency percentiles, their ratio")
public final class SpeedBenchmark implements Runnable {

  @AirlineModule private HelpOption<SpeedBenchmark> help;

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
      description = "Comma-separated ticks/s, 'max' for as fast as possible (default max,10000)")
  String rates = "max,10000";

  @Option(
      name = "--engines",
      title = "engines",
      description =
          "Comma-separated: kafka-streams (our speed layer), spark (Spark Structured "
              + "Streaming, the thesis's engine, default state store), spark-rocksdb (the same with Spark's RocksDB state store) "
              + "(default kafka-streams,spark)")
  String engines = "kafka-streams,spark";

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
              + "'<stock>~k', for more stocks and a longer run (default 1)")
  @IntegerRange(min = 1, max = 1000)
  int copies = 1;

  @Option(
      name = "--warmup-ticks",
      title = "ticks",
      description =
          "Ticks replayed at full speed under other stock names before each "
              + "measured run, so that the JIT has compiled the hot path (default 200000; 0 for a cold start)")
  @IntegerRange(min = 0, max = 100_000_000)
  int warmupTicks = 200_000;

  @Option(
      name = "--fixed-rate-seconds",
      title = "seconds",
      description =
          "At a fixed rate, replay this many seconds of ticks (the "
              + "first rate x seconds of the input; default 30: 300,000 ticks at 10,000/s); at max rate, all of them")
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
      description = "Speed layer transaction commit interval (default 100)")
  @IntegerRange(min = 1, max = 60_000)
  int commitIntervalMs = 100;

  @Option(
      name = "--partitions",
      title = "partitions",
      description = "Partitions of the benchmark's tick topic (default 4)")
  @IntegerRange(min = 1, max = 64)
  int partitions = 4;

  @Override
  public void run() {
    if (help.showHelpIfRequested()) {
      return;
    }
    Path home = Paths.get(System.getProperty("stocklambda.home", "."));
    if (!Files.isExecutable(home.resolve("bin/stocklambda"))) {
      throw new IllegalArgumentException(
          "bench speed starts the speed layer from the distribution: run it as 'stocklambda bench speed'");
    }
    List<Tick> replay = copies(load(), copies);
    System.out.printf(
        "input: %,d ticks, %s to %s%n",
        replay.size(), replay.get(0).date(), replay.get(replay.size() - 1).date());
    System.out.printf("machine: %s%n", Machine.describe());
    System.out.printf(
        "speed layer: %d stream thread(s), exactly_once_v2, commit interval %d ms; topic of %d partitions%n%n",
        threads, commitIntervalMs, partitions);
    List<Result> results = new ArrayList<>();
    List<String> engineList =
        Arrays.stream(engines.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
    for (String engine : engineList) {
      if (!ENGINES.contains(engine)) {
        throw new IllegalArgumentException(
            "--engines takes " + String.join(", ", ENGINES) + ", not '" + engine + "'");
      }
    }
    List<String> rateList = Arrays.stream(rates.split(",")).map(String::trim).toList();
    if (!noHarnessWarmup) {
      // the first measured run used to pay for a cold broker and a cold benchmark JVM: in one run,
      // whichever engine went first measured 30 to 40 % below its rate when it went last
      String engine = engineList.contains(KAFKA_STREAMS) ? KAFKA_STREAMS : engineList.get(0);
      System.out.printf("harness warm-up: one unmeasured replay through %s%n", engine);
      Result discarded =
          runOnce(
              home,
              replay.subList(0, Math.min(replay.size(), HARNESS_WARMUP_TICKS)),
              "max",
              engine);
      System.out.printf(
          "harness warm-up done (%,.0f ticks/s, discarded)%n%n", discarded.ticksPerSecond);
    }
    for (String rate : rateList) {
      List<Tick> ticks =
          rate.equals("max")
              ? replay
              : replay.subList(
                  0, (int) Math.min(replay.size(), Double.parseDouble(rate) * fixedRateSeconds));
      for (String engine : engineList) {
        results.add(runOnce(home, ticks, rate, engine));
      }
    }
    System.out.printf(
        "%n%-14s %-10s %10s %12s %14s %12s %9s %9s %9s %9s%n",
        "engine",
        "rate",
        "ticks",
        "ticks/s",
        "2nd half t/s",
        "predictions",
        "p50 ms",
        "p99 ms",
        "p99.9 ms",
        "max ms");
    List<List<Object>> rows = new ArrayList<>();
    for (Result r : results) {
      System.out.printf(
          "%-14s %-10s %,10d %,12.0f %,14.0f %,12d %9d %9d %9d %9d%n",
          r.engine,
          r.rate,
          r.ticks,
          r.ticksPerSecond,
          r.secondHalfPerSecond,
          r.predictions,
          r.latency.getValueAtPercentile(50),
          r.latency.getValueAtPercentile(99),
          r.latency.getValueAtPercentile(99.9),
          r.latency.getMaxValue());
      rows.add(
          List.of(
              r.engine,
              r.rate,
              r.ticks,
              r.ticksPerSecond,
              r.secondHalfPerSecond,
              r.predictions,
              r.latency.getValueAtPercentile(50),
              r.latency.getValueAtPercentile(99),
              r.latency.getValueAtPercentile(99.9),
              r.latency.getMaxValue()));
    }
    if (engineList.contains(KAFKA_STREAMS)) {
      System.out.println();
      for (String anchor : engineList.stream().filter(e -> !e.equals(KAFKA_STREAMS)).toList()) {
        for (String rate : rateList) {
          Result ks = find(results, KAFKA_STREAMS, rate);
          Result sp = find(results, anchor, rate);
          System.out.printf(
              "rate %-8s kafka-streams / %s: throughput x%.2f, p50 latency x%.2f (lower is better), p99 latency x%.2f%n",
              rate,
              anchor,
              ks.ticksPerSecond / sp.ticksPerSecond,
              (double) ks.latency.getValueAtPercentile(50)
                  / Math.max(1, sp.latency.getValueAtPercentile(50)),
              (double) ks.latency.getValueAtPercentile(99)
                  / Math.max(1, sp.latency.getValueAtPercentile(99)));
        }
      }
    }
    Report report = new Report(reportDir, "speed");
    Path csv =
        report.csv(
            List.of(
                "engine",
                "rate",
                "ticks",
                "ticks_per_s",
                "second_half_ticks_per_s",
                "predictions",
                "p50_ms",
                "p99_ms",
                "p999_ms",
                "max_ms"),
            rows);
    BarChart throughput =
        new BarChart(
            String.format(
                "bench speed: ticks/s end to end (max: %,d ticks; fixed rates: %d s of ticks)",
                replay.size(), fixedRateSeconds),
            "ticks/s",
            rateList);
    BarChart p99 =
        new BarChart("bench speed: latency p99, tick sent to prediction read", "ms", rateList);
    for (String engine : engineList) {
      throughput.series(
          engine,
          rateList.stream()
              .mapToDouble(rate -> find(results, engine, rate).ticksPerSecond)
              .toArray());
      p99.series(
          engine,
          rateList.stream()
              .mapToDouble(rate -> find(results, engine, rate).latency.getValueAtPercentile(99))
              .toArray());
    }
    Path throughputPng = report.png("throughput");
    Path p99Png = report.png("latency-p99");
    throughput.write(throughputPng);
    p99.write(p99Png);
    System.out.printf("%nwrote %s, %s, %s%n", csv, throughputPng, p99Png);
  }

  private static Result find(List<Result> results, String engine, String rate) {
    return results.stream()
        .filter(r -> r.engine.equals(engine) && r.rate.equals(rate))
        .findFirst()
        .orElseThrow();
  }

  static final String KAFKA_STREAMS = "kafka-streams";
  static final String SPARK = "spark";
  static final String SPARK_ROCKSDB = "spark-rocksdb";
  private static final int HARNESS_WARMUP_TICKS = 200_000;
  private static final List<String> ENGINES = List.of(KAFKA_STREAMS, SPARK, SPARK_ROCKSDB);

  private record Result(
      String engine,
      String rate,
      long ticks,
      double ticksPerSecond,
      double secondHalfPerSecond,
      long predictions,
      Histogram latency) {}

  private Result runOnce(Path home, List<Tick> replay, String rate, String engine) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String ticksTopic = "bench-ticks-" + id;
    String predictionsTopic = "bench-predictions-" + id;
    String modelsTopic = "bench-models-" + id;
    KafkaTopics.ensure(
        bootstrap,
        List.of(
            TopicSpec.of(ticksTopic, partitions),
            TopicSpec.of(predictionsTopic, partitions),
            TopicSpec.models(modelsTopic)));
    Path work;
    try {
      work = Files.createTempDirectory("stocklambda-bench-speed-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (KafkaProducer<String, byte[]> producer = new TickTraffic(bootstrap).producer()) {
      ModelArtifact model = BenchData.model();
      producer
          .send(
              new ProducerRecord<>(
                  modelsTopic, model.name(), JsonCodec.of(ModelArtifact.class).encode(model)))
          .get();
      Process speed =
          start(home, engine, work, id, ticksTopic, predictionsTopic, modelsTopic, model);
      try {
        warmUp(producer, ticksTopic, predictionsTopic, replay);
        System.out.printf(
            "%s, rate %s: replaying %,d ticks (log %s)%n",
            engine, rate, replay.size(), work.resolve(engine + ".log"));
        AtomicLong firstSend = new AtomicLong();
        Thread feeder =
            new Thread(
                () ->
                    new TickTraffic(bootstrap).feed(producer, ticksTopic, replay, rate, firstSend));
        Histogram latency = new Histogram(3_600_000L, 3);
        long[] consumed = new long[3];
        feeder.start();
        new TickTraffic(bootstrap)
            .consume(
                predictionsTopic,
                TickTraffic.expectedPredictions(replay),
                latency,
                consumed,
                false);
        feeder.join();
        double seconds = (consumed[1] - firstSend.get()) / 1e3;
        double secondHalf = (replay.size() / 2.0) / ((consumed[1] - consumed[2]) / 1e3);
        return new Result(
            engine, rate, replay.size(), replay.size() / seconds, secondHalf, consumed[0], latency);
      } finally {
        speed.destroy();
        speed.waitFor(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException(
          "bench speed, " + engine + " at rate " + rate + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Starts the engine under test as its own process of the distribution, its output in {@code
   * <engine>.log}.
   */
  private Process start(
      Path home,
      String engine,
      Path work,
      String id,
      String ticksTopic,
      String predictionsTopic,
      String modelsTopic,
      ModelArtifact model)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/stocklambda").toString()));
    if (engine.equals(KAFKA_STREAMS)) {
      SpeedRunOptions speed = new SpeedRunOptions();
      speed.bootstrap = bootstrap;
      speed.applicationId = "bench-speed-" + id;
      speed.stateDir = work.resolve("state").toString();
      speed.threads = threads;
      speed.commitIntervalMs = commitIntervalMs;
      speed.ticksTopic = ticksTopic;
      speed.predictionsTopic = predictionsTopic;
      speed.modelsTopic = modelsTopic;
      speed.metricsSeconds = 5;
      command.addAll(speed.toArgs());
    } else {
      Path modelFile = work.resolve("model.json");
      Files.write(modelFile, JsonCodec.of(ModelArtifact.class).encode(model));
      SparkScorerOptions scorer = new SparkScorerOptions();
      scorer.bootstrap = bootstrap;
      scorer.ticksTopic = ticksTopic;
      scorer.predictionsTopic = predictionsTopic;
      scorer.modelFile = modelFile.toString();
      scorer.checkpoint = work.resolve("checkpoint").toString();
      scorer.master = "local[" + threads + "]";
      scorer.shufflePartitions = partitions;
      scorer.stateStore = engine.equals(SPARK_ROCKSDB) ? "rocksdb" : "hdfs";
      command.addAll(scorer.toArgs());
    }
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(work.resolve(engine + ".log").toFile())
        .start();
  }

  /**
   * The first ticks under other names, at full speed, and their predictions through: the measured
   * run starts with a ready, compiled speed layer.
   */
  private void warmUp(
      KafkaProducer<String, byte[]> producer,
      String ticksTopic,
      String predictionsTopic,
      List<Tick> replay)
      throws Exception {
    List<Tick> warm = new ArrayList<>();
    for (Tick t : replay.subList(0, Math.min(warmupTicks, replay.size()))) {
      warm.add(
          new Tick(
              TickTraffic.WARMUP_PREFIX + t.stock(),
              t.date(),
              t.open(),
              t.high(),
              t.low(),
              t.close(),
              t.volume()));
    }
    if (warm.isEmpty()) {
      warm.addAll(
          List.of(1, 2, 3, 4, 5).stream()
              .map(
                  d ->
                      Tick.ofClose(
                          TickTraffic.WARMUP_PREFIX + "x",
                          java.time.LocalDate.of(1900, 1, d),
                          1 + d))
              .toList());
    }
    long started = System.nanoTime();
    for (Tick t : warm) {
      producer.send(new ProducerRecord<>(ticksTopic, t.stock(), TickTraffic.TICKS.encode(t)));
    }
    producer.flush();
    long[] consumed = new long[3];
    new TickTraffic(bootstrap)
        .consume(
            predictionsTopic,
            TickTraffic.expectedPredictions(warm),
            new Histogram(3_600_000L, 3),
            consumed,
            true);
    System.out.printf(
        "warm-up: %,d ticks through in %.1f s%n", warm.size(), (System.nanoTime() - started) / 1e9);
  }

  /**
   * The market as {@code n} markets: copy k > 1 renames every stock {@code <stock>~k}; still in
   * date order.
   */
  static List<Tick> copies(List<Tick> market, int n) {
    if (n == 1) {
      return market;
    }
    List<Tick> out = new ArrayList<>(market.size() * n);
    for (Tick t : market) {
      out.add(t);
      for (int k = 2; k <= n; k++) {
        out.add(
            new Tick(
                t.stock() + "~" + k, t.date(), t.open(), t.high(), t.low(), t.close(), t.volume()));
      }
    }
    return out;
  }

  private List<Tick> load() {
    return market.ticks(ticks);
  }
}
