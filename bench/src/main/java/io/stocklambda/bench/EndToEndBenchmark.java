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
 * view, so the merge rule serves the speed rows. Ticks at 1,000 ticks/s first warm every process
 * up, unrecorded, until their JIT compilers are nearly done ({@code --warmup-seconds}, {@code
 * --warmup-jit-cores}); the CPU report gives the compilers' share of each rate's CPU.
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
    String stocks = "e2e" + id; // every stock of the run starts so, and no other run's
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
      Map<String, Process> named = new LinkedHashMap<>();
      named.put("speed", layers.get(0));
      named.put("serving", layers.get(1));
      ProcessCpu cpu = ProcessCpu.ofRun(named, Paths.get(stackDir).toAbsolutePath().normalize());
      // warm-up, not recorded: both layers joined their groups, created their indices and, above
      // all, compiled their hot paths (see --warmup-seconds)
      warmUp(producer, hbase, es, ticksTopic, predictionsTopic, stocks, layers, cpu);
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
      idle =
          new EndToEndCpu.Row(
              0,
              0,
              seconds(idleFrom, idleTo),
              idleTo.coresSince(idleFrom),
              idleTo.jitCoresSince(idleFrom));
      components = cpu.names();
      int run = 0;
      for (int rate :
          Arrays.stream(rates.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray()) {
        // encoded before the CPU is read: the harness's own work, not the live path's
        EndToEndTicks sent = new EndToEndTicks(stocks + "r" + (run++), rate, days(seconds));
        ProcessCpu.Reading from = cpu.read();
        Result result =
            runRate(producer, hbase, es, ticksTopic, predictionsTopic, sent, layers, seconds);
        ProcessCpu.Reading to = cpu.read();
        results.add(result);
        cpuRows.add(
            new EndToEndCpu.Row(
                rate,
                result.ticks(),
                seconds(from, to),
                to.coresSince(from),
                to.jitCoresSince(from)));
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
      boolean stopped = true;
      for (Process p : layers) {
        try {
          if (!p.waitFor(60, TimeUnit.SECONDS)) {
            // a layer still running would re-create the topics deleted under it
            stopped &= p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopped = false;
        }
      }
      if (stopped) {
        removeRows(stocks);
      } else {
        System.out.printf("a layer did not stop: the run's rows stay (stocks %s*)%n", stocks);
      }
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
    EndToEndReport.write(results, components, idle, cpuRows, reportDir);
  }

  /** A warm-up round's probed seconds at 1,000 ticks/s, after the 5 that fill its windows. */
  static final int WARMUP_ROUND_SECONDS = 30;

  /**
   * Sends ticks at 1,000 ticks/s in rounds of {@link #days}({@link #WARMUP_ROUND_SECONDS}) s, for
   * at least {@code --warmup-seconds} of ticks (none if 0), then while the JIT compilers of the
   * run's processes together used {@code --warmup-jit-cores} or more over the last round, up to
   * {@code --warmup-max-seconds} ({@link #warmUpGoesOn}). Each round has stocks of its own, whose
   * windows its first 5 days fill.
   */
  private void warmUp(
      KafkaProducer<String, byte[]> producer,
      HBaseViews hbase,
      EsViews es,
      String ticksTopic,
      String predictionsTopic,
      String stocks,
      List<Process> layers,
      ProcessCpu cpu)
      throws InterruptedException {
    if (!JitCpu.readable()) {
      System.out.println("the JIT compilers' CPU cannot be read here: the warm-up is its minimum");
    }
    int done = 0;
    double jit = Double.NaN;
    for (int round = 0;
        warmUpGoesOn(done, jit, warmupSeconds, warmupJitCores, warmupMaxSeconds);
        round++) {
      // encoded before the CPU is read, as the measured rates' ticks
      EndToEndTicks ticks =
          new EndToEndTicks(stocks + "warm" + round, 1_000, days(WARMUP_ROUND_SECONDS));
      ProcessCpu.Reading from = cpu.read();
      runRate(
          producer, hbase, es, ticksTopic, predictionsTopic, ticks, layers, WARMUP_ROUND_SECONDS);
      ProcessCpu.Reading to = cpu.read();
      jit = to.jitCoresSince(from);
      done += days(WARMUP_ROUND_SECONDS);
      boolean more = warmUpGoesOn(done, jit, warmupSeconds, warmupJitCores, warmupMaxSeconds);
      System.out.printf(
          "warm-up: %d s of ticks, the JIT compilers used %s cores together over the last"
              + " round%s%n",
          done,
          JitCpu.format(jit),
          more && done >= warmupSeconds
              ? String.format(" (on until below %.2f)", warmupJitCores)
              : !more && jit >= warmupJitCores
                  ? String.format(
                      " (still %.2f or more: --warmup-max-seconds ends it)", warmupJitCores)
                  : "");
    }
    System.out.println("warm-up done");
  }

  /**
   * Whether the warm-up goes on after {@code done} s of ticks, the last round's compilers having
   * used {@code jit} cores (NaN before the first round, or where they cannot be read): never with a
   * minimum of 0; always below the minimum; then while {@code jit} is {@code jitCores} or more,
   * below {@code max} (a minimum above it wins).
   */
  static boolean warmUpGoesOn(int done, double jit, int min, double jitCores, int max) {
    if (min <= 0) {
      return false;
    }
    return done < min || (jit >= jitCores && done < max);
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
   * documents (2.6 M, and 554,628 deleted versions) made Elasticsearch's refreshes and so this
   * benchmark's own figures slower run after run (docs/benchmarks.md).
   */
  private void removeRows(String stocks) {
    try (HBaseViews hbase =
            HBaseViews.connect(StoreEndpoints.of(stores.zookeeper, stores.elasticsearch));
        EsViews es = EsViews.connect(stores.elasticsearch)) {
      long rows = hbase.writer().deleteSpeedOfStocksStartingWith(stocks);
      long documents = es.writer().deleteSpeedOfStocksStartingWith(stocks);
      System.out.printf(
          "removed the run's rows: %,d from HBase, %,d from Elasticsearch%n", rows, documents);
    } catch (IOException | RuntimeException e) {
      System.out.printf(
          "could not remove the run's rows (stocks %s*): %s%n", stocks, e.getMessage());
    }
  }
}
