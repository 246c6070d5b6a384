package io.stocklambda.bench;

import io.stocklambda.commands.Component;
import io.stocklambda.commands.bench.AnchorScorerOptions;
import io.stocklambda.commands.bench.FlinkScorerOptions;
import io.stocklambda.commands.bench.KafkaScorerOptions;
import io.stocklambda.commands.bench.SparkScorerOptions;
import io.stocklambda.commands.speed.SpeedRunOptions;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.kafka.KafkaTopics;
import io.stocklambda.kafka.TopicSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One measured run of an engine under test: its topics, its process, the ticks fed at a rate, the
 * predictions read back.
 */
abstract class SpeedRuns extends SpeedBenchOptions {

  static final String KAFKA_STREAMS = "kafka-streams";
  static final String SPARK = "spark";
  static final String SPARK_ROCKSDB = "spark-rocksdb";
  static final String FLINK = "flink";
  static final String SPARK_TWS = "spark-tws";
  static final String KAFKA_LOOP = "kafka-loop";

  /** The ids in the names of the runs' topics, for {@link #dropTopics}. */
  private final List<String> runIds = new ArrayList<>();

  /** What one run measured. */
  record Result(
      String engine,
      String rate,
      long ticks,
      double ticksPerSecond,
      double secondHalfPerSecond,
      long predictions,
      Histogram latency,
      double jitCores) {}

  /**
   * One measured run; with {@code profile}, the engine runs under async-profiler and its flame
   * graph and summary of the measured part go to the report directory.
   */
  Result runOnce(Path home, List<Tick> replay, String rate, String engine, boolean profile) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    runIds.add(id);
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
      SpeedProfile profiler = profile ? new SpeedProfile(work, engine, rate) : null;
      Process speed =
          start(home, engine, work, id, ticksTopic, predictionsTopic, modelsTopic, model, profiler);
      long[] measured = new long[2];
      try {
        new SpeedWarmUp(
                bootstrap,
                warmupTicks,
                warmupSeconds,
                warmupJitCores,
                warmupMaxSeconds,
                () -> JitCpu.sampleTree(speed),
                rate)
            .run(producer, ticksTopic, predictionsTopic, replay);
        long jitFrom = System.nanoTime();
        Map<String, Long> jitBefore = JitCpu.sampleTree(speed);
        System.out.printf(
            "%s, rate %s: replaying %,d ticks (log %s)%n",
            engine, rate, replay.size(), work.resolve(engine + ".log"));
        AtomicLong firstSend = new AtomicLong();
        java.util.concurrent.FutureTask<Void> feeding =
            new java.util.concurrent.FutureTask<>(
                () -> {
                  if (rate.equals(TickTraffic.BACKLOG)) {
                    new TickTraffic(bootstrap)
                        .feedBacklog(ticksTopic, replay, "bench-backlog-" + id, firstSend);
                  } else {
                    new TickTraffic(bootstrap).feed(producer, ticksTopic, replay, rate, firstSend);
                  }
                  return null;
                });
        Histogram latency = new Histogram(3_600_000L, 3);
        long[] consumed = new long[3];
        Map<TopicPartition, Long> from = new TickTraffic(bootstrap).endOffsets(predictionsTopic);
        new Thread(feeding, "bench-feeder").start();
        // a feeder that failed ends the wait with its own error, not after 10 minutes
        new TickTraffic(bootstrap)
            .consume(
                from,
                TickTraffic.expectedPredictions(replay),
                latency,
                consumed,
                null,
                () -> {
                  if (feeding.isDone()) {
                    fed(feeding);
                  }
                });
        fed(feeding);
        measured[0] = firstSend.get();
        measured[1] = consumed[1];
        double seconds = (consumed[1] - firstSend.get()) / 1e3;
        double secondHalf = (replay.size() / 2.0) / ((consumed[1] - consumed[2]) / 1e3);
        double jitCores =
            JitCpu.coresBetween(jitBefore, JitCpu.sampleTree(speed), System.nanoTime() - jitFrom);
        return new Result(
            engine,
            rate,
            replay.size(),
            replay.size() / seconds,
            secondHalf,
            consumed[0],
            latency,
            jitCores);
      } finally {
        speed.destroy();
        if (!speed.waitFor(60, TimeUnit.SECONDS)) {
          speed.destroyForcibly();
        }
        if (profiler != null && measured[1] > 0) {
          try {
            System.out.printf(
                "%nprofile of %s at rate %s, the measured run only (the profiler's cost lowers"
                    + " this run's figures):%n%s%n",
                engine, rate, profiler.convert(Path.of(reportDir), measured[0], measured[1]));
          } catch (IOException | RuntimeException e) {
            System.out.printf("%nno profile of %s at rate %s: %s%n", engine, rate, e);
          }
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(
          "bench speed, " + engine + " at rate " + rate + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Whether a topic is one of run {@code id}'s: its ticks, predictions or model topic, or the speed
   * layer's (its application id's changelogs), or one named after them.
   */
  static boolean ofRun(String topic, String id) {
    return KafkaTopics.isNamedAfter(
        topic,
        List.of(
            "bench-ticks-" + id,
            "bench-predictions-" + id,
            "bench-models-" + id,
            "bench-speed-" + id));
  }

  /** Waits for the feeder; its failure, with its cause, fails the run. */
  private static void fed(java.util.concurrent.FutureTask<Void> feeding) {
    try {
      feeding.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("sending the ticks failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Deletes the topics of every run so far (ticks, predictions, model, the speed layer's
   * changelogs): left behind, a few days of suites held 37 GB of the broker's disk here. Called
   * once the suite has measured everything, since the broker removes a deleted topic's files a
   * minute later (its {@code file.delete.delay.ms}), which would fall into a later run's measured
   * time. A failure to delete is reported, never fails the suite.
   */
  void dropTopics() {
    try {
      List<String> dropped =
          KafkaTopics.delete(bootstrap, name -> runIds.stream().anyMatch(id -> ofRun(name, id)));
      System.out.printf("deleted the %d topics of the %d runs%n", dropped.size(), runIds.size());
    } catch (RuntimeException e) {
      System.out.printf("could not delete the runs' topics (*-%s*): %s%n", runIds, e.getMessage());
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
      ModelArtifact model,
      SpeedProfile profiler)
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
      speed.streamsConfig = streamsConfig;
      command.addAll(speed.toArgs());
    } else if (engine.equals(KAFKA_LOOP)) {
      KafkaScorerOptions scorer =
          anchor(new KafkaScorerOptions(), work, ticksTopic, predictionsTopic, model);
      scorer.threads = threads;
      scorer.commitIntervalMs = commitIntervalMs;
      command.addAll(scorer.toArgs());
    } else if (engine.equals(FLINK)) {
      FlinkScorerOptions scorer =
          anchor(new FlinkScorerOptions(), work, ticksTopic, predictionsTopic, model);
      scorer.checkpoint = work.resolve("checkpoint").toString();
      scorer.parallelism = threads;
      scorer.checkpointIntervalMs = commitIntervalMs;
      command.addAll(scorer.toArgs());
    } else {
      SparkScorerOptions scorer =
          anchor(new SparkScorerOptions(), work, ticksTopic, predictionsTopic, model);
      scorer.checkpoint = work.resolve("checkpoint").toString();
      scorer.master = "local[" + threads + "]";
      scorer.shufflePartitions = partitions;
      scorer.stateStore = engine.equals(SPARK_ROCKSDB) ? "rocksdb" : "hdfs";
      scorer.stateApi = engine.equals(SPARK_TWS) ? "transformWithState" : "flatMapGroupsWithState";
      command.addAll(scorer.toArgs());
    }
    ProcessBuilder process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve(engine + ".log").toFile());
    if (profiler != null) {
      Component component =
          switch (engine) {
            case KAFKA_STREAMS -> Component.SPEED;
            case FLINK -> Component.BENCH_FLINK;
            case KAFKA_LOOP -> Component.BENCH;
            default -> Component.BENCH_SPARK;
          };
      List<String> options = new ArrayList<>(component.defaultJvmOptions());
      options.add(profiler.agentOption());
      process.environment().put(component.optionsVariable(), String.join(" ", options));
    }
    return process.start();
  }

  /**
   * An anchor's command with what every anchor reads: this run's broker and topics, and the model
   * written to {@code <work>/model.json}.
   */
  private <T extends AnchorScorerOptions> T anchor(
      T scorer, Path work, String ticksTopic, String predictionsTopic, ModelArtifact model)
      throws IOException {
    Path modelFile = work.resolve("model.json");
    Files.write(modelFile, JsonCodec.of(ModelArtifact.class).encode(model));
    scorer.bootstrap = bootstrap;
    scorer.ticksTopic = ticksTopic;
    scorer.predictionsTopic = predictionsTopic;
    scorer.modelFile = modelFile.toString();
    return scorer;
  }
}
