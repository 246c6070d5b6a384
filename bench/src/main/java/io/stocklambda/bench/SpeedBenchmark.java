package io.stocklambda.bench;

import com.github.rvesse.airline.HelpOption;
import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.SharedKaggleDirectory;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.merge.TickMerger;
import io.stocklambda.core.model.Algorithm;
import io.stocklambda.core.model.LogisticRegression;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.synth.SyntheticMarket;
import io.stocklambda.core.synth.SyntheticMarketConfig;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.kafka.KafkaTopics;
import io.stocklambda.kafka.TopicSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
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
 * once), fed the shared ticks at each rate from a fresh topic; measured from outside with a
 * read_committed consumer: ticks/s from the first tick sent to the last prediction committed (and
 * over the second half of the run alone, once the market has its many stocks and the JIT its
 * code), and latency from each tick's send to its predictions' commit.
 */
@Command(name = "speed", description = "Speed layer end to end: ticks produced to predictions committed, throughput and latency percentiles at several rates")
public final class SpeedBenchmark implements Runnable {

  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);
  private static final String WARMUP_PREFIX = "warmup~";
  private static final byte[] WARMUP = WARMUP_PREFIX.getBytes(java.nio.charset.StandardCharsets.UTF_8);

  @AirlineModule
  private HelpOption<SpeedBenchmark> help;

  @Option(name = "--bootstrap", title = "bootstrap", description = "Kafka bootstrap servers (default 127.0.0.1:9092; start it with 'stocklambda stack up --engines kafka')")
  String bootstrap = "127.0.0.1:9092";

  @Option(name = "--input", title = "input", description = "Tick files (default: ../shared/data/kaggle if present, else a generated market)")
  String input;

  @Option(name = "--rates", title = "rates", description = "Comma-separated ticks/s, 'max' for as fast as possible (default max,10000)")
  String rates = "max,10000";

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
    for (String rate : rates.split(",")) {
      results.add(runOnce(home, replay, rate.trim()));
    }
    System.out.printf("%n%-10s %10s %12s %14s %12s %9s %9s %9s %9s%n", "rate", "ticks", "ticks/s", "2nd half t/s", "predictions",
        "p50 ms", "p99 ms", "p99.9 ms", "max ms");
    for (Result r : results) {
      System.out.printf("%-10s %,10d %,12.0f %,14.0f %,12d %9d %9d %9d %9d%n", r.rate, r.ticks, r.ticksPerSecond, r.secondHalfPerSecond,
          r.predictions,
          r.latency.getValueAtPercentile(50), r.latency.getValueAtPercentile(99), r.latency.getValueAtPercentile(99.9), r.latency.getMaxValue());
    }
  }

  private record Result(String rate, long ticks, double ticksPerSecond, double secondHalfPerSecond, long predictions, Histogram latency) {}

  private Result runOnce(Path home, List<Tick> replay, String rate) {
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
      ModelArtifact model = model();
      producer.send(new ProducerRecord<>(modelsTopic, model.name(), JsonCodec.of(ModelArtifact.class).encode(model))).get();
      Process speed = new ProcessBuilder(home.resolve("bin/stocklambda").toString(), "speed", "run", "--bootstrap", bootstrap,
          "--application-id", "bench-speed-" + id, "--state-dir", work.resolve("state").toString(), "--threads", "" + threads, "--commit-interval-ms", "" + commitIntervalMs,
          "--ticks-topic", ticksTopic, "--predictions-topic", predictionsTopic, "--models-topic", modelsTopic, "--metrics-seconds", "5")
          .redirectErrorStream(true).redirectOutput(work.resolve("speed.log").toFile()).start();
      try {
        warmUp(producer, ticksTopic, predictionsTopic, replay);
        System.out.printf("rate %s: replaying %,d ticks (speed layer log %s)%n", rate, replay.size(), work.resolve("speed.log"));
        AtomicLong firstSend = new AtomicLong();
        Thread feeder = new Thread(() -> feed(producer, ticksTopic, replay, rate, firstSend));
        Histogram latency = new Histogram(3_600_000L, 3);
        long[] consumed = new long[3];
        feeder.start();
        consume(predictionsTopic, expectedPredictions(replay), latency, consumed, false);
        feeder.join();
        double seconds = (consumed[1] - firstSend.get()) / 1e3;
        double secondHalf = (replay.size() / 2.0) / ((consumed[1] - consumed[2]) / 1e3);
        return new Result(rate, replay.size(), replay.size() / seconds, secondHalf, consumed[0], latency);
      } finally {
        speed.destroy();
        speed.waitFor(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new IllegalStateException("bench speed at rate " + rate + " failed: " + e.getMessage(), e);
    }
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
          latency.recordValue(Math.max(0, now - r.timestamp()));
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

  /** A logistic regression on the returns features: scoring costs what a real one costs. */
  private static ModelArtifact model() {
    List<Double> coefficients = List.of(-0.3649, -0.4289, 0.3797, 0.4455, 0.0108, -0.5302, 0.2389, -1.7645, -0.9671, -0.1569, 0.0555);
    return new ModelArtifact(ModelArtifact.FORMAT, ModelArtifact.DEFAULT_NAME, "bench", Algorithm.LOGISTIC_REGRESSION,
        FeatureSpecs.of("returns", 5).ref(), new LogisticRegression(0.1251, coefficients), null, 0.5, null, Map.of(), Instant.now());
  }

  private List<Tick> load() {
    Path data = input != null ? Paths.get(input) : SharedKaggleDirectory.locate().orElseGet(() -> {
      try {
        Path dir = Files.createTempDirectory("stocklambda-bench-market");
        new SyntheticMarket(new SyntheticMarketConfig(200, 2520, 42L, SyntheticMarketConfig.DEFAULT_START, 0, 0)).write(dir);
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    List<Tick> out = new ArrayList<>();
    try (TickMerger merger = TickMerger.open(TickCsv.discover(data), MalformedLinePolicy.FAIL, new ParseReport())) {
      while (merger.hasNext() && (ticks == null || out.size() < ticks)) {
        out.add(merger.next());
      }
    }
    return out;
  }
}
