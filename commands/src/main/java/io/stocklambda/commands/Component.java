package io.stocklambda.commands;

import java.util.List;
import java.util.Locale;

/**
 * A deployable with its own classpath ({@code lib/<dir>/} in the distribution) and entry point.
 * Components run as child processes, one JVM each, as in production: Spark, Hadoop and HBase cannot
 * share one classpath.
 */
public enum Component {
  INGEST("ingest", "io.stocklambda.ingest.IngestMain", List.of("-Xmx1g", "-XX:+UseParallelGC")),
  BATCH_MAPREDUCE(
      "batch-mapreduce",
      "io.stocklambda.batch.mapreduce.MapReduceMain",
      List.of("-Xmx1g", "--add-opens=java.base/java.lang=ALL-UNNAMED")),
  /** Spark 4 on Java 17 needs these packages opened (Spark's JavaModuleOptions). */
  BATCH_SPARK("batch-spark", "io.stocklambda.batch.spark.SparkMain", sparkOptions("-Xmx2g")),
  SPEED("speed", "io.stocklambda.speed.SpeedMain", List.of("-Xmx1g", "-XX:+UseParallelGC")),
  /**
   * HBase's client reads primitives through Unsafe only if java.nio is open to it. The parallel
   * collector, as the speed layer's, on a heap sized once: under G1 the collections were over a
   * third of the serving layer's CPU at 10,000 ticks/s (concurrent marking, remembered sets, and
   * 7.5 % zeroing the pages of a growing heap); the layer took 0.39 to 0.42 cores there in three
   * runs, 0.26 to 0.39 (0.32 on average) in four with these options, the highest where the stores
   * fell furthest behind (async-profiler, bench end-to-end, docs/benchmarks.md, issue 18).
   */
  SERVING(
      "serving",
      "io.stocklambda.serving.ServingMain",
      List.of(
          "-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "--add-opens=java.base/java.nio=ALL-UNNAMED")),
  /** The Oozie client: packages, deploys and submits the retraining application. */
  OOZIE("oozie", "io.stocklambda.oozie.OozieMain", List.of("-Xmx256m", "-XX:+UseSerialGC")),
  BENCH(
      "bench",
      "io.stocklambda.bench.BenchMain",
      List.of("-Xmx1g", "-XX:+UseParallelGC", "--add-opens=java.base/java.nio=ALL-UNNAMED")),
  /** The benchmark's Spark Structured Streaming anchor: Spark's JVM options, as the batch jobs'. */
  BENCH_SPARK("bench-spark", "io.stocklambda.benchspark.BenchSparkMain", sparkOptions("-Xmx2g")),
  /** The benchmark's Flink anchor: a local Flink cluster in one JVM, as the Spark anchor's. */
  BENCH_FLINK(
      "bench-flink",
      "io.stocklambda.benchflink.BenchFlinkMain",
      List.of(
          "-Xmx2g",
          "-XX:+UseParallelGC",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.time=ALL-UNNAMED"));

  private static List<String> sparkOptions(String heap) {
    return List.of(
        heap,
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.net=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
        "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
        "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
        "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
        "-Dio.netty.tryReflectionSetAccessible=true");
  }

  private final String dir;
  private final String mainClass;
  private final List<String> defaultJvmOptions;

  Component(String dir, String mainClass, List<String> defaultJvmOptions) {
    this.dir = dir;
    this.mainClass = mainClass;
    this.defaultJvmOptions = defaultJvmOptions;
  }

  /** Its directory under {@code lib/}. */
  public String dir() {
    return dir;
  }

  public String mainClass() {
    return mainClass;
  }

  public List<String> defaultJvmOptions() {
    return defaultJvmOptions;
  }

  /**
   * The environment variable whose JVM options replace the defaults, as Hadoop's {@code
   * HADOOP_*_OPTS}: {@code STOCKLAMBDA_BENCH_OPTS="-Xmx64m"}.
   */
  public String optionsVariable() {
    return "STOCKLAMBDA_" + name().toUpperCase(Locale.ROOT) + "_OPTS";
  }
}
