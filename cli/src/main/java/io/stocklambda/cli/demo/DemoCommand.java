package io.stocklambda.cli.demo;

import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.Port;
import com.github.rvesse.airline.annotations.restrictions.PortType;
import com.github.rvesse.airline.annotations.restrictions.ranges.DoubleRange;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.cli.CliCommand;
import io.stocklambda.cli.batch.PipelineRunner;
import io.stocklambda.commands.ComponentOptions;
import io.stocklambda.commands.batch.BatchPipeline;
import io.stocklambda.commands.ingest.ArchiveOptions;
import io.stocklambda.commands.ingest.LandOptions;
import io.stocklambda.commands.ingest.ReplayOptions;
import io.stocklambda.commands.serving.ServingOptions;
import io.stocklambda.commands.serving.StoreLocation;
import io.stocklambda.commands.speed.SpeedRunOptions;
import io.stocklambda.core.config.Defaults;
import io.stocklambda.cli.launch.ComponentLauncher;
import io.stocklambda.cli.stack.StackPortOptions;
import io.stocklambda.core.csv.MalformedLimit;
import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.dataset.DatasetSplit;
import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.dataset.TimeSplit;
import io.stocklambda.core.progress.GracefulStop;
import io.stocklambda.core.synth.GeneratedMarket;
import io.stocklambda.core.synth.SyntheticMarket;
import io.stocklambda.core.synth.SyntheticMarketConfig;
import io.stocklambda.embedded.stack.EmbeddedStack;
import io.stocklambda.embedded.stack.Endpoints;
import io.stocklambda.embedded.stack.Engine;
import io.stocklambda.embedded.stack.StackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.NavigableSet;
import java.util.stream.Stream;

/**
 * {@code stocklambda demo}: the whole Lambda loop on one machine, from nothing to live predictions
 * in a browser. Brings up the embedded stack, splits the data at a date into history and live
 * parts, lands the history in HDFS, runs the batch layer on it (training set, model, batch view),
 * serves the batch view, starts the speed layer, the serving layer and the archiver, then replays
 * the live part into Kafka at a visible pace while it prints live figures. Ctrl-C or
 * {@code --duration} stops every process it started, in order.
 */
@Command(name = "demo", description = "The whole Lambda loop on the embedded stack: land, batch-train, serve, replay live ticks; "
    + "prints the web view URL and live figures")
public final class DemoCommand extends CliCommand {

  /** Marks a directory as a demo's, so that --fresh never deletes anything else. */
  static final String MARKER = ".stocklambda-demo";
  private static final Duration STATUS_EVERY = Duration.ofSeconds(5);
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  @Option(name = "--data", title = "data", description = "A Kaggle directory (Stocks/, ETFs/) or a merged data.csv (default: generate the synthetic market)")
  String data;

  @Option(name = "--stocks", title = "stocks", description = "Synthetic market without --data: stocks (default 50)")
  @IntegerRange(min = 1, max = 100_000)
  int stocks = SyntheticMarketConfig.DEFAULT_STOCKS;

  @Option(name = "--days", title = "days", description = "Synthetic market without --data: trading days (default 2520, ten years; "
      + "at least 500, two years, for training, validation and test periods)")
  @IntegerRange(min = 500, max = 100_000)
  int days = SyntheticMarketConfig.DEFAULT_DAYS;

  @Option(name = "--seed", title = "seed", description = "Synthetic market without --data: random seed (default 42)")
  long seed = SyntheticMarketConfig.DEFAULT_SEED;

  @Option(name = "--live-days", title = "live-days", description = "The last N trading days are replayed live; the rest is history for the batch layer (default 120)")
  @IntegerRange(min = 1, max = 100_000)
  int liveDays = 120;

  @Option(name = "--speed", title = "speed", description = "Replay pace in trading days per second (default 2)")
  @DoubleRange(min = 0.01, max = 100_000)
  double speed = 2;

  @Option(name = "--duration", title = "duration", description = "Stop after this long, e.g. 90s, 10m, 1h (default: run until Ctrl-C)")
  String duration;

  @Option(name = "--dir", title = "dir", description = "Where the demo keeps everything: data, stack, logs (default stocklambda-data/demo)")
  String dir = "stocklambda-data/demo";

  @Option(name = "--fresh", description = "Replace a previous demo in --dir even if its stack still runs (--keep-stack): stop it first")
  boolean fresh;

  @Option(name = "--keep-stack", description = "Leave the stack running at the end, to look around in HBase, Elasticsearch and HDFS")
  boolean keepStack;

  @Option(name = "--port", title = "port", description = "HTTP port of the query API and the live web view (default 8080)")
  @Port(acceptablePorts = PortType.ANY)
  int port = 8080;

  @Option(name = "--window", title = "window", description = "Ticks per window (default 5)")
  @IntegerRange(min = 2, max = 250)
  int window = 5;

  @AirlineModule
  StackPortOptions stackPorts = new StackPortOptions();

  private final Deque<Child> children = new ArrayDeque<>();
  private static final String[] STEP_NAMES = {"data", "stack", "land", "batch layer", "serve", "live layers", "replay"};
  /** Malformed lines of the input printed one by one; the rest are counted. */
  private static final int SHOWN_MALFORMED = 10;
  private final java.util.concurrent.atomic.AtomicInteger shownMalformed = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.Map<String, Double> stepSeconds = new java.util.LinkedHashMap<>();
  private String stepName;
  private long stepStarted;

  @Override
  protected int execute() {
    Duration limit = duration == null ? null : parseDuration(duration);
    Path home = Paths.get(dir).toAbsolutePath().normalize();
    EmbeddedStack stack = new EmbeddedStack(home.resolve("stack"), line -> out().println("  " + line));
    ComponentLauncher launcher = ComponentLauncher.fromDistribution();
    long started = System.nanoTime();
    boolean stackStarted = false;
    try (GracefulStop stop = GracefulStop.install(Duration.ofMinutes(5))) {
      prepare(home, stack);

      step(1, "data");
      Path input = data != null ? Paths.get(data).toAbsolutePath() : generate(home.resolve("market"));
      ParseReport report = new ParseReport(e -> {
        if (shownMalformed.getAndIncrement() < SHOWN_MALFORMED) {
          out().println("  malformed line skipped: " + e.getMessage());
        }
      });
      NavigableSet<LocalDate> dates = DatasetSplit.tradingDates(TickCsv.discover(input), MalformedLinePolicy.SKIP, report);
      if (MalformedLimit.DEFAULT.exceededBy(report.malformedLines(), report.dataLines())) {
        out().printf("stocklambda demo: %,d of the %,d data lines of %s are malformed, more than %s: this input looks broken%n",
            report.malformedLines(), report.dataLines(), input, MalformedLimit.DEFAULT.describe());
        return 1;
      }
      LocalDate firstLive = DatasetSplit.firstOfLast(dates, liveDays);
      DatasetSplit.Result split = DatasetSplit.split(input, firstLive, home.resolve("data/history"), home.resolve("data/live"),
          MalformedLinePolicy.SKIP, new ParseReport());
      out().println("  " + split.describe());
      if (report.malformedLines() > 0) {
        out().printf("  %,d malformed line(s) skipped, as every reader skips them (%s at most)%n", report.malformedLines(),
            MalformedLimit.DEFAULT.describe());
      }
      if (!report.emptyFiles().isEmpty()) {
        out().printf("  %d empty file(s) skipped, e.g. %s%n", report.emptyFiles().size(), report.emptyFiles().get(0).getFileName());
      }
      TimeSplit timeSplit = TimeSplit.of(dates.headSet(firstLive, false));
      LocalDate cutoff = timeSplit.cutoff();
      int validationYears = timeSplit.validationYears();

      step(2, "embedded stack (Kafka, HDFS, HBase, Elasticsearch)");
      stackStarted = true;
      stack.up(EnumSet.allOf(Engine.class), stackPorts.ports());
      Endpoints at = stack.endpoints();
      if (stop.requested()) {
        return stopAll(stack, home, started, 130);
      }

      step(3, "land the history in the HDFS master dataset");
      LandOptions land = new LandOptions();
      land.input = split.history().toString();
      land.dataset.hdfs = at.hdfsUri();
      int status = launcher.runForeground(land, Map.of());
      if (status != 0 || stop.requested()) {
        return stopAll(stack, home, started, failed("ingest land", status));
      }

      step(4, "batch layer: training set (MapReduce), model (Spark MLlib, test period from " + cutoff + "), batch view (Spark)");
      StoreLocation stores = new StoreLocation();
      stores.zookeeper = at.hbaseZookeeperQuorum() + ":" + at.hbaseZookeeperPort();
      stores.elasticsearch = at.elasticsearchUrl();
      BatchPipeline pipeline = new BatchPipeline(at.hdfsUri(), MasterLayout.DEFAULT_ROOT, window, cutoff.toString(), validationYears,
          "demo-" + Defaults.runId(), Defaults.SPARK_MASTER, at.kafkaBootstrap(), stores);
      status = new PipelineRunner(launcher, out()).run(pipeline, next -> {
        if (next.name().equals("swap")) {
          step(5, "serve the batch view in HBase and Elasticsearch");
        }
      });
      if (status != 0 || stop.requested()) {
        return stopAll(stack, home, started, failed("batch run", status));
      }

      step(6, "serving layer, archiver and speed layer (logs in " + home.resolve("logs") + ")");
      Path logs = home.resolve("logs");
      ServingOptions.Run serving = new ServingOptions.Run();
      serving.stores = stores;
      serving.bootstrap = at.kafkaBootstrap();
      serving.port = port;
      background(launcher, serving, "serving", logs);
      ArchiveOptions archive = new ArchiveOptions();
      archive.bootstrap = at.kafkaBootstrap();
      archive.dataset.hdfs = at.hdfsUri();
      archive.rollSeconds = 15;
      background(launcher, archive, "archive", logs);
      SpeedRunOptions speedLayer = new SpeedRunOptions();
      speedLayer.bootstrap = at.kafkaBootstrap();
      speedLayer.stateDir = home.resolve("speed").toString();
      speedLayer.window = window;
      background(launcher, speedLayer, "speed", logs);
      URI web = URI.create("http://127.0.0.1:" + port + "/");
      try (LiveFigures figures = new LiveFigures(at.kafkaBootstrap(), "ticks", web)) {
        if (!awaitServing(figures, stop)) {
          return stopAll(stack, home, started, stop.requested() ? 130 : 1);
        }

        step(7, String.format(Locale.ROOT, "replay %d live trading days (%s to %s) at %s day(s)/s", liveDays, firstLive, dates.last(),
            speedText()));
        timeline(started);
        ReplayOptions replayOptions = new ReplayOptions();
        replayOptions.input = split.live().toString();
        replayOptions.bootstrap = at.kafkaBootstrap();
        replayOptions.daysPerSecond = speed;
        Child replay = background(launcher, replayOptions, "replay", logs);
        banner(web, at, limit);
        watch(figures, replay, split.liveRows(), stop, limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos());
      }
      return stopAll(stack, home, started, 0);
    } catch (StackException e) {
      out().println("stocklambda demo: " + e.getMessage());
      return stopAll(stackStarted ? stack : null, home, started, 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return stopAll(stack, home, started, 130);
    } catch (RuntimeException | Error e) {
      if (!stackStarted && children.isEmpty()) {
        throw e; // nothing started yet: the error alone says it (bad --data, a previous demo in --dir, ...)
      }
      // whatever went wrong, nothing the demo started is left running
      out().println("stocklambda demo: failed: " + e);
      stopAll(stackStarted ? stack : null, home, started, 1);
      throw e;
    }
  }

  /** Refuses to mix with a previous demo's data, or (--fresh) removes it. */
  private void prepare(Path home, EmbeddedStack stack) {
    boolean exists = Files.isDirectory(home) && !isEmpty(home);
    if (exists && !Files.exists(home.resolve(MARKER))) {
      throw new IllegalArgumentException(home + " is not empty and is not a demo's directory; choose another --dir");
    }
    boolean running = exists && stack.state().map(st -> !st.engines().isEmpty()).orElse(false);
    if (running && !fresh) {
      throw new IllegalArgumentException("the previous demo in " + home + " still runs its stack (--keep-stack); add --fresh to stop "
          + "and replace it, or choose another --dir");
    }
    if (exists) {
      out().println("replacing the previous demo in " + home + " (another --dir keeps a demo's data)");
      if (running) {
        stack.down();
      }
      deleteTree(home);
    }
    try {
      Files.createDirectories(home);
      Files.writeString(home.resolve(MARKER), "stocklambda demo " + Instant.now() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + home, e);
    }
    out().println("stocklambda demo in " + home);
  }

  private Path generate(Path market) {
    SyntheticMarketConfig config = new SyntheticMarketConfig(stocks, days, seed, SyntheticMarketConfig.DEFAULT_START, 3, 1);
    GeneratedMarket generated = new SyntheticMarket(config).write(market);
    out().printf("  no --data: generated %s (seed %d)%n", generated.describe(), seed);
    return market;
  }

  private Child background(ComponentLauncher launcher, ComponentOptions command, String name, Path logs) {
    Path log = logs.resolve(name + ".log");
    Process process = launcher.startBackground(command, log);
    Child child = new Child(name, process, log);
    children.push(child);
    out().printf("  %-8s started (pid %d), log %s%n", name, process.pid(), log);
    return child;
  }

  private boolean awaitServing(LiveFigures figures, GracefulStop stop) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline && !stop.requested()) {
      for (Child child : children) {
        if (!child.process.isAlive()) {
          out().printf("stocklambda demo: %s exited with %d; the end of its log:%n%s%n", child.name, child.process.exitValue(), child.tail());
          return false;
        }
      }
      if (figures.servingUp()) {
        return true;
      }
      Thread.sleep(500);
    }
    if (!stop.requested()) {
      out().println("stocklambda demo: the serving layer did not answer /api/health within 3 minutes; see " + children.peekLast().log);
    }
    return false;
  }

  private void banner(URI web, Endpoints at, Duration limit) {
    out().println();
    out().println("  live web view     " + web);
    out().println("  query API         " + web.resolve("/api/overview") + "   (also /api/stocks/{stock}/predictions, /api/accuracy)");
    out().println("  Elasticsearch     " + at.elasticsearchUrl() + "/predictions/_search   (index alias 'predictions'; "
        + "'stocklambda kibana import' for the dashboards)");
    out().println("  HBase             zookeeper 127.0.0.1:" + at.hbaseZookeeperPort() + ", table stocklambda:predictions");
    out().println("  HDFS              " + at.hdfsUri() + MasterLayout.DEFAULT_ROOT);
    out().println(limit == null ? "  Ctrl-C stops everything." : "  stops in " + limit.toSeconds() + " s, or on Ctrl-C.");
    out().println();
  }

  /** Prints a line of live figures every few seconds until the limit or Ctrl-C. */
  private void watch(LiveFigures figures, Child replay, long liveRows, GracefulStop stop, long deadline) throws InterruptedException {
    LiveFigures.Reading last = figures.read();
    boolean replayReported = false;
    long nextLine = System.nanoTime() + STATUS_EVERY.toNanos();
    while (!stop.requested() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      if (!replayReported && !replay.process.isAlive()) {
        replayReported = true;
        int exit = replay.process.exitValue();
        out().println(exit == 0
            ? String.format("  replay done: %,d live ticks sent; the loop keeps running%s", liveRows,
                deadline == Long.MAX_VALUE ? " until Ctrl-C" : "")
            : "  replay exited with " + exit + "; the end of its log:\n" + replay.tail());
      }
      for (Child child : children) {
        if (child != replay && !child.process.isAlive() && !child.reported) {
          child.reported = true;
          out().printf("  %s exited with %d; the end of its log:%n%s%n", child.name, child.process.exitValue(), child.tail());
        }
      }
      if (System.nanoTime() >= nextLine) {
        LiveFigures.Reading now = figures.read();
        out().println(statusLine(last, now, liveRows));
        last = now;
        nextLine = System.nanoTime() + STATUS_EVERY.toNanos();
      }
    }
  }

  static String statusLine(LiveFigures.Reading before, LiveFigures.Reading now, long liveRows) {
    double seconds = Math.max(1e-9, (now.nanos() - before.nanos()) / 1e9);
    StringBuilder line = new StringBuilder("  ").append(CLOCK.format(LocalTime.now()));
    if (now.ticks().isPresent()) {
      long ticks = now.ticks().getAsLong();
      line.append(String.format(Locale.ROOT, "  ticks %,d", ticks));
      if (before.ticks().isPresent()) {
        line.append(String.format(Locale.ROOT, " (%,.0f/s)", (ticks - before.ticks().getAsLong()) / seconds));
      }
      if (liveRows > 0) {
        line.append(String.format(Locale.ROOT, " replay %.0f%%", 100.0 * Math.min(ticks, liveRows) / liveRows));
      }
    } else {
      line.append("  ticks -");
    }
    if (now.speedWrites().isPresent()) {
      long writes = now.speedWrites().getAsLong();
      line.append(String.format(Locale.ROOT, "  speed-view writes %,d", writes));
      if (before.speedWrites().isPresent()) {
        line.append(String.format(Locale.ROOT, " (%,.0f/s)", (writes - before.speedWrites().getAsLong()) / seconds));
      }
    }
    if (now.servedSpeed().isPresent()) {
      line.append(String.format(Locale.ROOT, "  served: batch %,d + speed %,d", now.servedBatch().getAsLong(), now.servedSpeed().getAsLong()));
    } else {
      line.append("  served: -");
    }
    if (now.hitRate().isPresent()) {
      line.append(String.format(Locale.ROOT, "  speed hit rate %.1f%% of %,d", 100 * now.hitRate().getAsDouble(),
          now.resolved().getAsLong()));
    } else {
      line.append("  speed hit rate - (none resolved yet)");
    }
    return line.toString();
  }

  /** Stops the children newest first, then the stack unless kept, and says where everything is. */
  private int stopAll(EmbeddedStack stack, Path home, long started, int exit) {
    if (!children.isEmpty()) {
      out().println();
      out().println("stopping " + String.join(", ", children.stream().map(c -> c.name).toList()));
    }
    while (!children.isEmpty()) {
      Child child = children.pop();
      ComponentLauncher.stop(child.process);
    }
    if (stack != null) {
      if (keepStack) {
        out().println("the stack keeps running; stop it with 'stocklambda stack down --dir " + stack.dir() + "'");
      } else {
        stack.down();
      }
    }
    out().printf("demo %s after %.0f s; everything stays in %s (data/, stack/, logs/); the next demo there replaces it%n",
        exit == 0 ? "finished" : exit == 130 ? "stopped" : "failed", (System.nanoTime() - started) / 1e9, home);
    return exit;
  }

  private int failed(String what, int status) {
    if (status != 0) {
      out().println("stocklambda demo: '" + what + "' exited with " + status);
      return status;
    }
    return 130; // stopped on request between steps
  }

  /** Ends the step under way, saying how long it took, and starts step {@code n}. */
  private void step(int n, String what) {
    endStep();
    out().printf("%n[%d/7] %s%n", n, what);
    stepName = STEP_NAMES[n - 1];
    stepStarted = System.nanoTime();
  }

  private void endStep() {
    if (stepName != null) {
      double seconds = (System.nanoTime() - stepStarted) / 1e9;
      stepSeconds.put(stepName, seconds);
      out().printf("  %s took %s%n", stepName, minutes(seconds));
      stepName = null;
    }
  }

  /** How long each step took, and how long from the start until live predictions were served. */
  private void timeline(long started) {
    if (!stepSeconds.isEmpty()) {
      out().printf("  time by step: %s; live predictions %s after the start%n", String.join(", ", stepSeconds.entrySet().stream()
          .map(e -> e.getKey() + " " + minutes(e.getValue())).toList()), minutes((System.nanoTime() - started) / 1e9));
    }
  }

  private static String minutes(double seconds) {
    return seconds < 90 ? String.format(Locale.ROOT, "%.0f s", seconds)
        : String.format(Locale.ROOT, "%d min %02d s", (long) seconds / 60, (long) seconds % 60);
  }

  private String speedText() {
    return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
  }

  /** {@code 90}, {@code 90s}, {@code 10m}, {@code 1h}, or ISO-8601 like {@code PT2M}. */
  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("pt")) {
        return positive(Duration.parse(t.toUpperCase(Locale.ROOT)), text);
      }
      char unit = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
      String number = Character.isDigit(unit) ? t : t.substring(0, t.length() - 1);
      long n = Long.parseLong(number);
      return positive(switch (unit) {
        case 'h' -> Duration.ofHours(n);
        case 'm' -> Duration.ofMinutes(n);
        case 's' -> Duration.ofSeconds(n);
        default -> {
          if (!Character.isDigit(unit)) {
            throw new NumberFormatException();
          }
          yield Duration.ofSeconds(n);
        }
      }, text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--duration must be like 90s, 10m or 1h, was '" + text + "'");
    }
  }

  private static Duration positive(Duration d, String text) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("--duration must be positive, was '" + text + "'");
    }
    return d;
  }


  private static boolean isEmpty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A background process of the demo. */
  private static final class Child {
    final String name;
    final Process process;
    final Path log;
    boolean reported;

    Child(String name, Process process, Path log) {
      this.name = name;
      this.process = process;
      this.log = log;
    }

    String tail() {
      try {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
      } catch (IOException e) {
        return "(cannot read " + log + ")";
      }
    }
  }
}
