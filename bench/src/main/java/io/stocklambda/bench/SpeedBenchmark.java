package io.stocklambda.bench;

import com.github.rvesse.airline.annotations.Command;
import io.stocklambda.core.tick.Tick;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code stocklambda bench speed}: the speed layer as users run it (its own process, exactly once),
 * and beside it the thesis's engine, Spark Structured Streaming, and Apache Flink, each doing the
 * same windowing and scoring (core's LiveScoring, the same model artifact) in its own process, each
 * fed the same ticks at each rate from a fresh topic on the same broker; measured from outside with
 * one read_committed consumer: ticks/s from the first tick sent to the last prediction read (and
 * over the second half of the run alone, once the market has its many stocks and the JIT its code),
 * and latency from each tick's send to its predictions' arrival.
 */
@Command(
    name = "speed",
    description =
        "Speed layer (Kafka Streams) against Spark Structured Streaming and Flink on the same ticks: throughput, latency percentiles, their ratios")
public final class SpeedBenchmark extends SpeedRuns implements Runnable {

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
    try {
      if (!noHarnessWarmup) {
        // the first measured run used to pay for a cold broker and a cold benchmark JVM: in one
        // run, whichever engine went first measured 30 to 40 % below its rate when it went last
        String engine = engineList.contains(KAFKA_STREAMS) ? KAFKA_STREAMS : engineList.get(0);
        System.out.printf("harness warm-up: one unmeasured replay through %s%n", engine);
        Result discarded =
            runOnce(
                home,
                replay.subList(0, Math.min(replay.size(), HARNESS_WARMUP_TICKS)),
                TickTraffic.MAX,
                engine,
                false);
        System.out.printf(
            "harness warm-up done (%,.0f ticks/s, discarded)%n%n", discarded.ticksPerSecond());
      }
      for (String rate : rateList) {
        List<Tick> ticks =
            rate.equals(TickTraffic.MAX) || rate.equals(TickTraffic.BACKLOG)
                ? replay
                : replay.subList(
                    0, (int) Math.min(replay.size(), Double.parseDouble(rate) * fixedRateSeconds));
        for (String engine : engineList) {
          boolean profiled =
              cpuProfile && engine.equals(engineList.get(0)) && rate.equals(rateList.get(0));
          results.add(runOnce(home, ticks, rate, engine, profiled));
        }
      }
    } finally {
      dropTopics();
    }
    System.out.printf(
        "%n%-14s %-10s %10s %12s %14s %12s %9s %9s %9s %9s %6s%n",
        "engine",
        "rate",
        "ticks",
        "ticks/s",
        "2nd half t/s",
        "predictions",
        "p50 ms",
        "p99 ms",
        "p99.9 ms",
        "max ms",
        "JIT");
    List<List<Object>> rows = new ArrayList<>();
    for (Result r : results) {
      System.out.printf(
          "%-14s %-10s %,10d %,12.0f %,14.0f %,12d %9d %9d %9d %9d %6s%n",
          r.engine(),
          r.rate(),
          r.ticks(),
          r.ticksPerSecond(),
          r.secondHalfPerSecond(),
          r.predictions(),
          r.latency().getValueAtPercentile(50),
          r.latency().getValueAtPercentile(99),
          r.latency().getValueAtPercentile(99.9),
          r.latency().getMaxValue(),
          JitCpu.format(r.jitCores()));
      rows.add(
          List.of(
              r.engine(),
              r.rate(),
              r.ticks(),
              r.ticksPerSecond(),
              r.secondHalfPerSecond(),
              r.predictions(),
              r.latency().getValueAtPercentile(50),
              r.latency().getValueAtPercentile(99),
              r.latency().getValueAtPercentile(99.9),
              r.latency().getMaxValue(),
              Double.isNaN(r.jitCores()) ? "" : r.jitCores()));
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
              ks.ticksPerSecond() / sp.ticksPerSecond(),
              (double) ks.latency().getValueAtPercentile(50)
                  / Math.max(1, sp.latency().getValueAtPercentile(50)),
              (double) ks.latency().getValueAtPercentile(99)
                  / Math.max(1, sp.latency().getValueAtPercentile(99)));
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
                "max_ms",
                "jit_cores"),
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
              .mapToDouble(rate -> find(results, engine, rate).ticksPerSecond())
              .toArray());
      p99.series(
          engine,
          rateList.stream()
              .mapToDouble(rate -> find(results, engine, rate).latency().getValueAtPercentile(99))
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
        .filter(r -> r.engine().equals(engine) && r.rate().equals(rate))
        .findFirst()
        .orElseThrow();
  }

  private static final int HARNESS_WARMUP_TICKS = 200_000;
  private static final List<String> ENGINES =
      List.of(KAFKA_STREAMS, SPARK, SPARK_ROCKSDB, SPARK_TWS, FLINK, KAFKA_LOOP);

  /**
   * The market as {@code n} markets: copy k > 1 renames every stock {@code <stock>_k}; still in
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
                t.stock() + "_" + k, t.date(), t.open(), t.high(), t.low(), t.close(), t.volume()));
      }
    }
    return out;
  }

  private List<Tick> load() {
    return market.ticks(ticks);
  }
}
