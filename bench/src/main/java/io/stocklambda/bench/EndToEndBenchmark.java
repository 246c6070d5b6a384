package io.stocklambda.bench;

import com.github.rvesse.airline.annotations.Command;
import io.stocklambda.commands.ComponentOptions;
import io.stocklambda.commands.serving.ServingOptions;
import io.stocklambda.commands.speed.SpeedRunOptions;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.kafka.KafkaTopics;
import io.stocklambda.kafka.TopicSpec;
import io.stocklambda.serving.StoreEndpoints;
import io.stocklambda.serving.es.EsViews;
import io.stocklambda.serving.hbase.HBaseViews;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code stocklambda bench end-to-end}: the whole live path as users run it, {@code speed run} and
 * {@code serving run} from the distribution on a running stack: ticks produced at a fixed rate (one
 * trading day per second for as many stocks as the rate), and for a sample of them (probes) the
 * time from the tick's send until its prediction can be read from HBase and until it is searchable
 * through the Elasticsearch alias, the pending probes that are due looked up in each store every 10
 * ms in one request, less often as a probe waits ({@link EndToEndRuns#check}); on the way, when the
 * speed layer scored it and when its prediction was readable in Kafka ({@link
 * CommittedPredictions}), so that the stages' shares are seen. Dates lie far after any served batch
 * view, so the merge rule serves the speed rows. A run at 1,000 ticks/s ({@code --warmup-seconds})
 * first warms both layers up and is not recorded.
 */
@Command(
    name = "end-to-end",
    description =
        "Tick produced to prediction visible in HBase and searchable in Elasticsearch: latency percentiles at fixed rates")
public final class EndToEndBenchmark extends EndToEndRuns implements Runnable {

  @Override
  public void run() {
    if (help.showHelpIfRequested()) {
      return;
    }
    Path home = Paths.get(System.getProperty("stocklambda.home", "."));
    if (!Files.isExecutable(home.resolve("bin/stocklambda"))) {
      throw new IllegalArgumentException(
          "bench end-to-end starts the layers from the distribution: run it as 'stocklambda bench end-to-end'");
    }
    String id = UUID.randomUUID().toString().substring(0, 8);
    String ticksTopic = "e2e-ticks-" + id;
    String predictionsTopic = "e2e-predictions-" + id;
    String modelsTopic = "e2e-models-" + id;
    KafkaTopics.ensure(
        bootstrap,
        List.of(
            TopicSpec.of(ticksTopic, 4),
            TopicSpec.of(predictionsTopic, 4),
            TopicSpec.models(modelsTopic)));
    System.out.printf(
        "machine: %s%nspeed layer and serving layer from %s; topics *-%s%n%n",
        Machine.describe(), home, id);
    List<Result> results = new ArrayList<>();
    List<EndToEndCpu.Row> cpuRows = new ArrayList<>();
    EndToEndCpu.Row idle = null;
    List<String> components = List.of();
    List<Process> layers = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer = producer();
        HBaseViews hbase =
            HBaseViews.connect(StoreEndpoints.of(stores.zookeeper, stores.elasticsearch));
        EsViews es = EsViews.connect(stores.elasticsearch)) {
      ModelArtifact model = BenchData.model();
      producer
          .send(
              new ProducerRecord<>(
                  modelsTopic, model.name(), JsonCodec.of(ModelArtifact.class).encode(model)))
          .get();
      Path work = Files.createTempDirectory("stocklambda-bench-e2e-");
      String bin = home.resolve("bin/stocklambda").toString();
      SpeedRunOptions speed = new SpeedRunOptions();
      speed.bootstrap = bootstrap;
      speed.applicationId = "e2e-speed-" + id;
      speed.stateDir = work.resolve("state").toString();
      speed.ticksTopic = ticksTopic;
      speed.predictionsTopic = predictionsTopic;
      speed.modelsTopic = modelsTopic;
      speed.commitIntervalMs = speedCommitIntervalMs;
      layers.add(start(bin, speed, work.resolve("speed.log")));
      ServingOptions.Run serving = new ServingOptions.Run();
      serving.bootstrap = bootstrap;
      serving.predictionsTopic = predictionsTopic;
      serving.groupId = "e2e-serving-" + id;
      serving.stores = stores;
      serving.port = freePort();
      layers.add(start(bin, serving, work.resolve("serving.log")));
      System.out.printf("logs: %s%n", work);
      // warm-up, not recorded: both layers joined their groups, created their indices and, above
      // all, compiled their hot paths (see --warmup-seconds)
      if (warmupSeconds > 0) {
        runRate(
            producer,
            hbase,
            es,
            ticksTopic,
            predictionsTopic,
            "e2e" + id + "warm",
            1_000,
            layers,
            warmupSeconds);
      }
      System.out.println("warm-up done");
      Map<String, Process> named = new LinkedHashMap<>();
      named.put("speed", layers.get(0));
      named.put("serving", layers.get(1));
      ProcessCpu cpu = ProcessCpu.ofRun(named, Paths.get(stackDir).toAbsolutePath().normalize());
      ProcessCpu.Reading idleFrom = cpu.read();
      for (String engine : ProcessMemory.ENGINES) {
        if (idleFrom.cpu().get(engine).isZero()) {
          System.out.printf(
              "no %s process found in the stack at %s (--stack-dir): its CPU reads 0%n",
              engine, stackDir);
        }
      }
      Thread.sleep(idleSeconds * 1_000L);
      ProcessCpu.Reading idleTo = cpu.read();
      idle = new EndToEndCpu.Row(0, 0, seconds(idleFrom, idleTo), idleTo.coresSince(idleFrom));
      components = cpu.names();
      int run = 0;
      for (int rate :
          Arrays.stream(rates.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray()) {
        ProcessCpu.Reading from = cpu.read();
        Result result =
            runRate(
                producer,
                hbase,
                es,
                ticksTopic,
                predictionsTopic,
                "e2e" + id + "r" + (run++),
                rate,
                layers,
                seconds);
        ProcessCpu.Reading to = cpu.read();
        results.add(result);
        cpuRows.add(
            new EndToEndCpu.Row(rate, result.ticks(), seconds(from, to), to.coresSince(from)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("cannot publish the model: " + e.getCause(), e);
    } finally {
      for (Process p : layers) {
        p.destroy();
      }
      for (Process p : layers) {
        try {
          if (!p.waitFor(60, TimeUnit.SECONDS)) {
            // a layer still running would re-create the topics deleted under it
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      removeRows(id);
      try {
        // the topics and the speed layer's changelogs
        List<String> own =
            List.of(
                "e2e-ticks-" + id, "e2e-predictions-" + id, "e2e-models-" + id, "e2e-speed-" + id);
        KafkaTopics.delete(bootstrap, name -> KafkaTopics.isNamedAfter(name, own));
      } catch (RuntimeException e) {
        System.out.printf("could not delete the run's topics (*-%s*): %s%n", id, e.getMessage());
      }
    }
    System.out.printf(
        "%n%8s %10s %7s | %-15s | %-15s | %-22s | %-22s | %s%n",
        "rate",
        "ticks",
        "probes",
        "scored p50/p99",
        "in Kafka p50/p99",
        "in HBase p50/p99/max",
        "in ES p50/p99/max",
        "not seen");
    List<List<Object>> rows = new ArrayList<>();
    for (Result r : results) {
      System.out.printf(
          "%,8d %,10d %,7d | %7d %7d | %7d %7d | %6d %6d %8d | %6d %6d %8d | %d%n",
          r.rate(),
          r.ticks(),
          r.hbase().getTotalCount(),
          r.scored().getValueAtPercentile(50),
          r.scored().getValueAtPercentile(99),
          r.committed().getValueAtPercentile(50),
          r.committed().getValueAtPercentile(99),
          r.hbase().getValueAtPercentile(50),
          r.hbase().getValueAtPercentile(99),
          r.hbase().getMaxValue(),
          r.es().getValueAtPercentile(50),
          r.es().getValueAtPercentile(99),
          r.es().getMaxValue(),
          r.lost());
      rows.add(
          List.of(
              r.rate(),
              r.ticks(),
              r.hbase().getTotalCount(),
              r.hbase().getValueAtPercentile(50),
              r.hbase().getValueAtPercentile(99),
              r.hbase().getMaxValue(),
              r.es().getValueAtPercentile(50),
              r.es().getValueAtPercentile(99),
              r.es().getMaxValue(),
              r.lost(),
              r.scored().getValueAtPercentile(50),
              r.scored().getValueAtPercentile(99),
              r.committed().getValueAtPercentile(50),
              r.committed().getValueAtPercentile(99)));
    }
    Report report = new Report(reportDir, "end-to-end");
    Path csv =
        report.csv(
            List.of(
                "rate",
                "ticks",
                "probes",
                "hbase_p50_ms",
                "hbase_p99_ms",
                "hbase_max_ms",
                "es_p50_ms",
                "es_p99_ms",
                "es_max_ms",
                "not_seen",
                "scored_p50_ms",
                "scored_p99_ms",
                "kafka_p50_ms",
                "kafka_p99_ms"),
            rows);
    List<String> categories =
        results.stream().map(r -> String.format("%,d ticks/s", r.rate())).toList();
    Path png = report.png("latency");
    new BarChart(
            "bench end-to-end: tick produced to prediction readable (p50 and p99)",
            "ms",
            categories)
        .series(
            "HBase p50",
            results.stream().mapToDouble(r -> r.hbase().getValueAtPercentile(50)).toArray())
        .series(
            "HBase p99",
            results.stream().mapToDouble(r -> r.hbase().getValueAtPercentile(99)).toArray())
        .series(
            "Elasticsearch p50",
            results.stream().mapToDouble(r -> r.es().getValueAtPercentile(50)).toArray())
        .series(
            "Elasticsearch p99",
            results.stream().mapToDouble(r -> r.es().getValueAtPercentile(99)).toArray())
        .write(png);
    Path cpuCsv =
        idle == null
            ? null
            : EndToEndCpu.report(
                components, idle, cpuRows, Runtime.getRuntime().availableProcessors(), reportDir);
    System.out.printf("%nwrote %s, %s%s%n", csv, png, cpuCsv == null ? "" : ", " + cpuCsv);
  }

  private static double seconds(ProcessCpu.Reading from, ProcessCpu.Reading to) {
    return (to.nanoTime() - from.nanoTime()) / 1e9;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Starts a component command of the distribution, its output in {@code log}. */
  private static Process start(String bin, ComponentOptions command, Path log) throws IOException {
    List<String> line = new ArrayList<>(List.of(bin));
    line.addAll(command.toArgs());
    return new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /**
   * Deletes the run's rows from both stores (its stocks are named {@code e2e<id>*}): they lie far
   * after any horizon, so nothing expires them, and a speed index that kept every earlier run's
   * documents (2.6 M, a quarter of them deleted versions) made Elasticsearch's refreshes and so
   * this benchmark's own figures slower run after run (docs/benchmarks.md).
   */
  private void removeRows(String id) {
    try (HBaseViews hbase =
            HBaseViews.connect(StoreEndpoints.of(stores.zookeeper, stores.elasticsearch));
        EsViews es = EsViews.connect(stores.elasticsearch)) {
      long rows = hbase.writer().deleteSpeedOfStocks("e2e" + id);
      long documents = es.writer().deleteSpeedOfStocks("e2e" + id);
      System.out.printf(
          "removed the run's rows: %,d from HBase, %,d from Elasticsearch%n", rows, documents);
    } catch (IOException | RuntimeException e) {
      System.out.printf(
          "could not remove the run's rows (stocks e2e%s*): %s%n", id, e.getMessage());
    }
  }
}
