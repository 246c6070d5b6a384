package io.stocklambda.bench;

import com.github.rvesse.airline.HelpOption;
import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.commands.ComponentOptions;
import io.stocklambda.commands.serving.ServingOptions;
import io.stocklambda.commands.speed.SpeedRunOptions;
import io.stocklambda.core.config.Defaults;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.tick.Tick;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code stocklambda bench end-to-end}: the whole live path as users run it, {@code speed run} and
 * {@code serving run} from the distribution on a running stack: ticks produced at a fixed rate (one
 * trading day per second for as many stocks as the rate), and for a sample of them (probes) the
 * time from the tick's send until its prediction can be read from HBase and until it is searchable
 * through the Elasticsearch alias, each store polled every few milliseconds. Dates lie far after
 * any served batch view, so the merge rule serves the speed rows. A 10-second run at 100 ticks/s
 * first warms both layers up and is not recorded.
 */
@Command(
    name = "end-to-end",
    description =
        "Tick produced to prediction visible in HBase and searchable in Elasticsearch: latency percentiles at fixed rates")
public final class EndToEndBenchmark implements Runnable {

  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);
  private static final LocalDate FIRST_DAY = LocalDate.of(2100, 1, 4);

  @AirlineModule private HelpOption<EndToEndBenchmark> help;

  @Option(
      name = "--bootstrap",
      title = "bootstrap",
      description =
          "Kafka (default "
              + Defaults.KAFKA_BOOTSTRAP
              + "; 'stocklambda stack up --engines kafka,hbase,elasticsearch')")
  String bootstrap = Defaults.KAFKA_BOOTSTRAP;

  @Option(
      name = "--zookeeper",
      title = "host:port",
      description = "HBase's ZooKeeper (default " + Defaults.HBASE_ZOOKEEPER + ")")
  String zookeeper = Defaults.HBASE_ZOOKEEPER;

  @Option(
      name = "--elasticsearch",
      title = "url",
      description = "Elasticsearch (default " + Defaults.ELASTICSEARCH_URL + ")")
  String elasticsearch = Defaults.ELASTICSEARCH_URL;

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
      name = "--probes-per-second",
      title = "n",
      description = "Ticks followed into both stores per second (default 5)")
  @IntegerRange(min = 1, max = 100)
  int probesPerSecond = 5;

  @Option(
      name = "--report-dir",
      title = "dir",
      description = "Where the CSV and the PNG chart go (default docs/bench)")
  String reportDir = "docs/bench";

  private record Probe(String stock, LocalDate date, long sentAt, boolean[] seen) {}

  private record Result(int rate, long ticks, Histogram hbase, Histogram es, long lost) {}

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
    List<Process> layers = new ArrayList<>();
    try (KafkaProducer<String, byte[]> producer = producer();
        HBaseViews hbase = HBaseViews.connect(StoreEndpoints.of(zookeeper, elasticsearch));
        EsViews es = EsViews.connect(elasticsearch)) {
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
      layers.add(start(bin, speed, work.resolve("speed.log")));
      ServingOptions.Run serving = new ServingOptions.Run();
      serving.bootstrap = bootstrap;
      serving.predictionsTopic = predictionsTopic;
      serving.groupId = "e2e-serving-" + id;
      serving.stores.zookeeper = zookeeper;
      serving.stores.elasticsearch = elasticsearch;
      serving.port = freePort();
      layers.add(start(bin, serving, work.resolve("serving.log")));
      System.out.printf("logs: %s%n", work);
      // warm-up, not recorded: both layers joined their groups, compiled their hot paths, created
      // their indices
      runRate(producer, hbase, es, ticksTopic, "e2e" + id + "warm", 100, layers, 10);
      System.out.println("warm-up done");
      int run = 0;
      for (int rate :
          Arrays.stream(rates.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray()) {
        results.add(
            runRate(
                producer,
                hbase,
                es,
                ticksTopic,
                "e2e" + id + "r" + (run++),
                rate,
                layers,
                seconds));
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
          p.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    System.out.printf(
        "%n%8s %10s %7s | %-30s | %-30s | %s%n",
        "rate",
        "ticks",
        "probes",
        "visible in HBase p50/p99/max ms",
        "searchable in ES p50/p99/max ms",
        "not seen");
    List<List<Object>> rows = new ArrayList<>();
    for (Result r : results) {
      System.out.printf(
          "%,8d %,10d %,7d | %8d %8d %10d   | %8d %8d %10d   | %d%n",
          r.rate,
          r.ticks,
          r.hbase.getTotalCount(),
          r.hbase.getValueAtPercentile(50),
          r.hbase.getValueAtPercentile(99),
          r.hbase.getMaxValue(),
          r.es.getValueAtPercentile(50),
          r.es.getValueAtPercentile(99),
          r.es.getMaxValue(),
          r.lost);
      rows.add(
          List.of(
              r.rate,
              r.ticks,
              r.hbase.getTotalCount(),
              r.hbase.getValueAtPercentile(50),
              r.hbase.getValueAtPercentile(99),
              r.hbase.getMaxValue(),
              r.es.getValueAtPercentile(50),
              r.es.getValueAtPercentile(99),
              r.es.getMaxValue(),
              r.lost));
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
                "not_seen"),
            rows);
    List<String> categories =
        results.stream().map(r -> String.format("%,d ticks/s", r.rate)).toList();
    Path png = report.png("latency");
    new BarChart(
            "bench end-to-end: tick produced to prediction readable (p50 and p99)",
            "ms",
            categories)
        .series(
            "HBase p50",
            results.stream().mapToDouble(r -> r.hbase.getValueAtPercentile(50)).toArray())
        .series(
            "HBase p99",
            results.stream().mapToDouble(r -> r.hbase.getValueAtPercentile(99)).toArray())
        .series(
            "Elasticsearch p50",
            results.stream().mapToDouble(r -> r.es.getValueAtPercentile(50)).toArray())
        .series(
            "Elasticsearch p99",
            results.stream().mapToDouble(r -> r.es.getValueAtPercentile(99)).toArray())
        .write(png);
    System.out.printf("%nwrote %s, %s%n", csv, png);
  }

  private Result runRate(
      KafkaProducer<String, byte[]> producer,
      HBaseViews hbase,
      EsViews es,
      String topic,
      String prefix,
      int rate,
      List<Process> layers,
      int seconds)
      throws InterruptedException {
    Histogram hbaseLatency = new Histogram(3_600_000L, 3);
    Histogram esLatency = new Histogram(3_600_000L, 3);
    ConcurrentLinkedQueue<Probe> pending = new ConcurrentLinkedQueue<>();
    long[] lost = new long[1];
    boolean[] sending = {true};
    Thread checker =
        new Thread(
            () -> check(pending, hbase, es, hbaseLatency, esLatency, sending, lost), "e2e-checker");
    checker.start();
    int days = 5 + seconds;
    long ticks = 0;
    long start = System.nanoTime();
    long probeEvery = Math.max(1, rate / probesPerSecond);
    System.out.printf(
        "rate %,d ticks/s: %d stocks, %d trading days, one a second%n", rate, rate, days);
    for (int day = 0; day < days; day++) {
      LocalDate date = FIRST_DAY.plusDays(day);
      for (int s = 0; s < rate; s++) {
        long due = start + (long) ((day * (double) rate + s) * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        for (Process p : layers) {
          if (!p.isAlive()) {
            throw new IllegalStateException(
                "a layer exited with " + p.exitValue() + "; see its log");
          }
        }
        String stock = prefix + "-" + s + ".us";
        double close = 10 + ((s * 31 + day * 17) % 100) / 10.0;
        Tick tick = new Tick(stock, date, close, close, close, close, 1000);
        long now = System.currentTimeMillis();
        producer.send(new ProducerRecord<>(topic, null, now, stock, TICKS.encode(tick)));
        ticks++;
        if (day >= 5 && ticks % probeEvery == 0) {
          pending.add(new Probe(stock, date, now, new boolean[2]));
        }
      }
    }
    producer.flush();
    sending[0] = false;
    checker.join();
    return new Result(rate, ticks, hbaseLatency, esLatency, lost[0]);
  }

  /** Polls both stores for each pending probe until its prediction is there (60 s at most). */
  private static void check(
      ConcurrentLinkedQueue<Probe> pending,
      HBaseViews hbase,
      EsViews es,
      Histogram hbaseLatency,
      Histogram esLatency,
      boolean[] sending,
      long[] lost) {
    while (sending[0] || !pending.isEmpty()) {
      for (Iterator<Probe> it = pending.iterator(); it.hasNext(); ) {
        Probe p = it.next();
        long now = System.currentTimeMillis();
        try {
          if (!p.seen()[0] && !hbase.queries().merged(p.stock(), p.date(), p.date(), 1).isEmpty()) {
            p.seen()[0] = true;
            hbaseLatency.recordValue(System.currentTimeMillis() - p.sentAt());
          }
          if (!p.seen()[1] && !es.queries().merged(p.stock(), p.date(), p.date(), 1).isEmpty()) {
            p.seen()[1] = true;
            esLatency.recordValue(System.currentTimeMillis() - p.sentAt());
          }
        } catch (IOException e) {
          // a store busy for a moment: poll again
        }
        if (p.seen()[0] && p.seen()[1]) {
          it.remove();
        } else if (now - p.sentAt() > 60_000) {
          lost[0]++;
          it.remove();
        }
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            1),
        new StringSerializer(),
        new ByteArraySerializer());
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
}
