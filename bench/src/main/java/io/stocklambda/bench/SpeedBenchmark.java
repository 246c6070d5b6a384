package io.stocklambda.bench;

import io.stocklambda.commands.speed.SpeedRunOptions;
import io.stocklambda.core.config.Defaults;
import com.github.rvesse.airline.HelpOption;
import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code stocklambda bench speed}: the speed layer as users run it (its own process, exactly
 * once), and beside it the thesis's engine, Spark Structured Streaming, doing the same windowing
 * and scoring (core's LiveScoring, the same model artifact) in its own process, each fed the same
 * ticks at each rate from a fresh topic on the same broker; measured from outside with one
 * read_committed consumer: ticks/s from the first tick sent to the last prediction read (and over
 * the second half of the run alone, once the market has its many stocks and the JIT its code), and
 * latency from each tick's send to its predictions' arrival.
 */
@Command(name = "speed", description = "Speed layer (Kafka Streams) against Spark Structured Streaming on the same ticks: throughput, latency percentiles, their ratio")
public final class SpeedBenchmark implements Runnable {

  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);
  private static final String WARMUP_PREFIX = "warmup~";
  private static final byte[] WARMUP = WARMUP_PREFIX.getBytes(java.nio.charset.StandardCharsets.UTF_8);

  @AirlineModule
  private HelpOption<SpeedBenchmark> help;

  @AirlineModule
  MarketInput market = new MarketInput();

  @Option(name = "--bootstrap", title = "bootstrap", description = "Kafka bootstrap servers (default " + Defaults.KAFKA_BOOTSTRAP + "; start it with 'stocklambda stack up --engines kafka')")
  String bootstrap = Defaults.KAFKA_BOOTSTRAP;

  @Option(name = "--rates", title = "rates", description = "Comma-separated ticks/s, 'max' for as fast as possible (default max,10000)")
  String rates = "max,10000";

  @Option(name = "--engines", title = "engines", description = "Comma-separated: kafka-streams (our speed layer), spark (Spark Structured "
      + "Streaming, the thesis's engine, default state store), spark-rocksdb (the same with Spark's RocksDB state store) "
      + "(default kafka-streams,spark)")
  String engines = "kafka-streams,spark";

  @Option(name = "--report-dir", title = "dir", description = "Where the CSV and the PNG charts go (default docs/bench)")
  String reportDir = "docs/bench";

  @Option(name = "--ticks", title = "ticks", description = "Ticks per run, from the start of the market (default: all of the input)")
  Integer ticks;

  @Option(name = "--threads", title = "threads", description = "Speed layer stream threads (default 2)")
  @IntegerRange(min = 1, max = 64)
  int threads = 2;

  @Option(name = "--copies", title = "copies", description = "Replay the input as this many markets at once, copy k's stocks renamed "
      + "'<stock>~k', for more stocks and a longer run (default 1)")
  @IntegerRange(min = 1, max = 1000)
  int copies = 1;

  @Option(name = "--warmup-ticks", title = "ticks", description = "Ticks replayed at full speed under other stock names before each "
      + "measured run, so that the JIT has compiled the hot path (default 200000; 0 for a cold start)")
  @IntegerRange(min = 0, max = 100_000_000)
  int warmupTicks = 200_000;

  @Option(name = "--fixed-rate-seconds", title = "seconds", description = "At a fixed rate, replay this many seconds of ticks (the "
      + "first rate x seconds of the input; default 30: 300,000 ticks at 10,000/s); at max rate, all of them")
  @IntegerRange(min = 1, max = 86_400)
  int fixedRateSeconds = 30;

  @Option(name = "--no-harness-warmup", description = "Skip the unmeasured first replay that warms the broker and this benchmark's own "
      + "producer and consumer (without it, whichever engine runs first measures slower)")
  boolean noHarnessWarmup;

  @Option(name = "--commit-interval-ms", title = "ms", description = "Speed layer transaction commit interval (default 100)")
  @IntegerRange(min = 1, max = 60_000)
  int commitIntervalMs = 100;

  @Option(name = "--partitions", title = "partitions", description = "Partitions of the benchmark's tick topic (default 4)")
  @IntegerRange(min = 1, max = 64)
  int partitions = 4;

  @Override
  public void run() {
    if (help.showHelpIfRequested()) {
      return;
    }
    Path home = Paths.get(System.getProperty("stocklambda.home", "."));
    if (!Files.isExecutable(home.resolve("bin/stocklambda"))) {
      throw new IllegalArgumentException("bench speed starts the speed layer from the distribution: run it as 'stocklambda bench speed'");
    }
    List<Tick> replay = copies(load(), copies);
    System.out.printf("input: %,d ticks, %s to %s%n", replay.size(), replay.get(0).date(), replay.get(replay.size() - 1).date());
    System.out.printf("machine: %s%n", Machine.describe());
    System.out.printf("speed layer: %d stream thread(s), exactly_once_v2, commit interval %d ms; topic of %d partitions%n%n",
        threads, commitIntervalMs, partitions);
    List<Result> results = new ArrayList<>();
    List<String> engineList = Arrays.stream(engines.split(",")).map(String::trim).filter(e -> !e.isEmpty()).toList();
    for (String engine : engineList) {
      if (!ENGINES.contains(engine)) {
        throw new IllegalArgumentException("--engines takes " + String.join(", ", ENGINES) + ", not '" + engine + "'");
      }
    }
    List<String> rateList = Arrays.stream(rates.split(",")).map(String::trim).toList();
    if (!noHarnessWarmup) {
      // the first measured run used to pay for a cold broker and a cold benchmark JVM: in one run,
      // whichever engine went first measured 30 to 40 % below its rate when it went last
      String engine = engineList.contains(KAFKA_STREAMS) ? KAFKA_STREAMS : engineList.get(0);
      System.out.printf("harness warm-up: one unmeasured replay through %s%n", engine);
      Result discarded = runOnce(home, replay.subList(0, Math.min(replay.size(), HARNESS_WARMUP_TICKS)), "max", engine);
      System.out.printf("harness warm-up done (%,.0f ticks/s, discarded)%n%n", discarded.ticksPerSecond);
    }
    for (String rate : rateList) {
      List<Tick> ticks = rate.equals("max") ? replay
          : replay.subList(0, (int) Math.min(replay.size(), Double.parseDouble(rate) * fixedRateSeconds));
      for (String engine : engineList) {
        results.add(runOnce(home, ticks, rate, engine));
      }
    }
    System.out.printf("%n%-14s %-10s %10s %12s %14s %12s %9s %9s %9s %9s%n", "engine", "rate", "ticks", "ticks/s", "2nd half t/s",
        "predictions", "p50 ms", "p99 ms", "p99.9 ms", "max ms");
    List<List<Object>> rows = new ArrayList<>();
    for (Result r : results) {
      System.out.printf("%-14s %-10s %,10d %,12.0f %,14.0f %,12d %9d %9d %9d %9d%n", r.engine, r.rate, r.ticks, r.ticksPerSecond,
          r.secondHalfPerSecond, r.predictions, r.latency.getValueAtPercentile(50), r.latency.getValueAtPercentile(99),
          r.latency.getValueAtPercentile(99.9), r.latency.getMaxValue());
      rows.add(List.of(r.engine, r.rate, r.ticks, r.ticksPerSecond, r.secondHalfPerSecond, r.predictions,
          r.latency.getValueAtPercentile(50), r.latency.getValueAtPercentile(99), r.latency.getValueAtPercentile(99.9), r.latency.getMaxValue()));
    }
    if (engineList.contains(KAFKA_STREAMS)) {
      System.out.println();
      for (String anchor : engineList.stream().filter(e -> !e.equals(KAFKA_STREAMS)).toList()) {
        for (String rate : rateList) {
          Result ks = find(results, KAFKA_STREAMS, rate);
          Result sp = find(results, anchor, rate);
          System.out.printf("rate %-8s kafka-streams / %s: throughput x%.2f, p50 latency x%.2f (lower is better), p99 latency x%.2f%n", rate,
              anchor, ks.ticksPerSecond / sp.ticksPerSecond,
              (double) ks.latency.getValueAtPercentile(50) / Math.max(1, sp.latency.getValueAtPercentile(50)),
              (double) ks.latency.getValueAtPercentile(99) / Math.max(1, sp.latency.getValueAtPercentile(99)));
        }
      }
    }
    Report report = new Report(reportDir, "speed");
    Path csv = report.csv(List.of("engine", "rate", "ticks", "ticks_per_s", "second_half_ticks_per_s", "predictions", "p50_ms", "p99_ms",
        "p999_ms", "max_ms"), rows);
    BarChart throughput = new BarChart(String.format("bench speed: ticks/s end to end (max: %,d ticks; fixed rates: %d s of ticks)",
        replay.size(), fixedRateSeconds), "ticks/s", rateList);
    BarChart p99 = new BarChart("bench speed: latency p99, tick sent to prediction read", "ms", rateList);
    for (String engine : engineList) {
      throughput.series(engine, rateList.stream().mapToDouble(rate -> find(results, engine, rate).ticksPerSecond).toArray());
      p99.series(engine, rateList.stream().mapToDouble(rate -> find(results, engine, rate).latency.getValueAtPercentile(99)).toArray());
    }
    Path throughputPng = report.png("throughput");
    Path p99Png = report.png("latency-p99");
    throughput.write(throughputPng);
    p99.write(p99Png);
    System.out.printf("%nwrote %s, %s, %s%n", csv, throughputPng, p99Png);
  }

  private static Result find(List<Result> results, String engine, String rate) {
    return results.stream().filter(r -> r.engine.equals(engine) && r.rate.equals(rate)).findFirst().orElseThrow();
  }

  static final String KAFKA_STREAMS = "kafka-streams";
  static final String SPARK = "spark";
  static final String SPARK_ROCKSDB = "spark-rocksdb";
  private static final int HARNESS_WARMUP_TICKS = 200_000;
  private static final List<String> ENGINES = List.of(KAFKA_STREAMS, SPARK, SPARK_ROCKSDB);

  private record Result(String engine, String rate, long ticks, double ticksPerSecond, double secondHalfPerSecond, long predictions, Histogram latency) {}

  private Result runOnce(Path home, List<Tick> replay, String rate, String engine) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String ticksTopic = "bench-ticks-" + id;
    String predictionsTopic = "bench-predictions-" + id;
    String modelsTopic = "bench-models-" + id;
    KafkaTopics.ensure(bootstrap, List.of(TopicSpec.of(ticksTopic, partitions), TopicSpec.of(predictionsTopic, partitions),
        TopicSpec.models(modelsTopic)));
    Path work;
    try {
      work = Files.createTempDirectory("stocklambda-bench-speed-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (KafkaProducer<String, byte[]> producer = producer()) {
      ModelArtifact model = BenchData.model();
      producer.send(new ProducerRecord<>(modelsTopic, model.name(), JsonCodec.of(ModelArtifact.class).encode(model))).get();
      Process speed = start(home, engine, work, id, ticksTopic, predictionsTopic, modelsTopic, model);
      try {
        warmUp(producer, ticksTopic, predictionsTopic, replay);
        System.out.printf("%s, rate %s: replaying %,d ticks (log %s)%n", engine, rate, replay.size(), work.resolve(engine + ".log"));
        AtomicLong firstSend = new AtomicLong();
        Thread feeder = new Thread(() -> feed(producer, ticksTopic, replay, rate, firstSend));
        Histogram latency = new Histogram(3_600_000L, 3);
        long[] consumed = new long[3];
        feeder.start();
        consume(predictionsTopic, expectedPredictions(replay), latency, consumed, false);
        feeder.join();
        double seconds = (consumed[1] - firstSend.get()) / 1e3;
        double secondHalf = (replay.size() / 2.0) / ((consumed[1] - consumed[2]) / 1e3);
        return new Result(engine, rate, replay.size(), replay.size() / seconds, secondHalf, consumed[0], latency);
      } finally {
        speed.destroy();
        speed.waitFor(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("bench speed, " + engine + " at rate " + rate + " failed: " + e.getMessage(), e);
    }
  }

  /** Starts the engine under test as its own process of the distribution, its output in {@code <engine>.log}. */
  private Process start(Path home, String engine, Path work, String id, String ticksTopic, String predictionsTopic, String modelsTopic,
      ModelArtifact model) throws IOException {
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
      command.addAll(List.of("bench", "spark-scorer", "--bootstrap", bootstrap, "--ticks-topic", ticksTopic,
          "--predictions-topic", predictionsTopic, "--model-file", modelFile.toString(), "--checkpoint", work.resolve("checkpoint").toString(),
          "--master", "local[" + threads + "]", "--shuffle-partitions", "" + partitions,
          "--state-store", engine.equals(SPARK_ROCKSDB) ? "rocksdb" : "hdfs"));
    }
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve(engine + ".log").toFile()).start();
  }

  /**
   * The first ticks under other names, at full speed, and their predictions through: the measured
   * run starts with a ready, compiled speed layer.
   */
  private void warmUp(KafkaProducer<String, byte[]> producer, String ticksTopic, String predictionsTopic, List<Tick> replay)
      throws Exception {
    List<Tick> warm = new ArrayList<>();
    for (Tick t : replay.subList(0, Math.min(warmupTicks, replay.size()))) {
      warm.add(new Tick(WARMUP_PREFIX + t.stock(), t.date(), t.open(), t.high(), t.low(), t.close(), t.volume()));
    }
    if (warm.isEmpty()) {
      warm.addAll(List.of(1, 2, 3, 4, 5).stream().map(d -> Tick.ofClose(WARMUP_PREFIX + "x", java.time.LocalDate.of(1900, 1, d), 1 + d)).toList());
    }
    long started = System.nanoTime();
    for (Tick t : warm) {
      producer.send(new ProducerRecord<>(ticksTopic, t.stock(), TICKS.encode(t)));
    }
    producer.flush();
    long[] consumed = new long[3];
    consume(predictionsTopic, expectedPredictions(warm), new Histogram(3_600_000L, 3), consumed, true);
    System.out.printf("warm-up: %,d ticks through in %.1f s%n", warm.size(), (System.nanoTime() - started) / 1e9);
  }

  /** The market as {@code n} markets: copy k > 1 renames every stock {@code <stock>~k}; still in date order. */
  static List<Tick> copies(List<Tick> market, int n) {
    if (n == 1) {
      return market;
    }
    List<Tick> out = new ArrayList<>(market.size() * n);
    for (Tick t : market) {
      out.add(t);
      for (int k = 2; k <= n; k++) {
        out.add(new Tick(t.stock() + "~" + k, t.date(), t.open(), t.high(), t.low(), t.close(), t.volume()));
      }
    }
    return out;
  }

  private static long expectedPredictions(List<Tick> replay) {
    Map<String, Long> perStock = new java.util.HashMap<>();
    replay.forEach(t -> perStock.merge(t.stock(), 1L, Long::sum));
    // each tick from the 5th of a stock on opens a prediction; each from the 6th on also resolves one
    return perStock.values().stream().mapToLong(n -> Math.max(0, n - 4) + Math.max(0, n - 5)).sum();
  }

  private void feed(KafkaProducer<String, byte[]> producer, String topic, List<Tick> replay, String rate, AtomicLong firstSend) {
    double perSecond = rate.equals("max") ? 0 : Double.parseDouble(rate);
    long start = System.nanoTime();
    firstSend.set(System.currentTimeMillis());
    for (int i = 0; i < replay.size(); i++) {
      if (perSecond > 0) {
        long wait = start + (long) (i * 1e9 / perSecond) - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
      }
      Tick t = replay.get(i);
      producer.send(new ProducerRecord<>(topic, null, System.currentTimeMillis(), t.stock(), TICKS.encode(t)));
    }
    producer.flush();
  }

  /**
   * Reads committed predictions until the count, the warm-up's left out unless counting them;
   * latency is now minus the record time (the tick's send time).
   */
  private void consume(String topic, long expected, Histogram latency, long[] consumed, boolean warmUp) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (consumed[0] < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          if (isWarmUp(r.key()) != warmUp) {
            continue;
          }
          long now = System.currentTimeMillis();
          latency.recordValue(Math.max(0, now - tickTime(r)));
          consumed[0]++;
          consumed[1] = now;
          if (consumed[0] == expected / 2) {
            consumed[2] = now;
          }
        }
      }
      if (consumed[0] < expected) {
        throw new IllegalStateException("only " + consumed[0] + " of " + expected + " predictions were committed in 10 minutes");
      }
    }
  }

  /**
   * When the tick was sent: the prediction's record time (Kafka Streams keeps the input's), or the
   * {@code tick-ts} header (Spark's Kafka sink cannot set the record time, so the anchor carries it).
   */
  private static long tickTime(ConsumerRecord<byte[], byte[]> r) {
    org.apache.kafka.common.header.Header header = r.headers().lastHeader("tick-ts");
    return header == null ? r.timestamp() : Long.parseLong(new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
  }

  private static boolean isWarmUp(byte[] key) {
    return key != null && key.length >= WARMUP.length && Arrays.equals(key, 0, WARMUP.length, WARMUP, 0, WARMUP.length);
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer());
  }

  private List<Tick> load() {
    return market.ticks(ticks);
  }

}
