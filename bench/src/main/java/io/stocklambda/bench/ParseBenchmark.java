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
import io.stocklambda.core.csv.TickReader;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.merge.TickMerger;
import io.stocklambda.core.synth.SyntheticMarket;
import io.stocklambda.core.synth.SyntheticMarketConfig;
import io.stocklambda.core.tick.Tick;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;

/**
 * {@code stocklambda bench parse}: throughput of core's CSV parsing, alone and through the
 * date-ordered merge, over the real Kaggle files when they are beside the project (or a given
 * directory, or a generated market), and the heap the merge retains while running.
 */
@Command(
    name = "parse",
    description = "Measure CSV parse and date-ordered merge throughput (rows/s) and memory")
public final class ParseBenchmark implements Runnable {

  @AirlineModule private HelpOption<ParseBenchmark> help;

  @Option(
      name = "--input",
      title = "input",
      description =
          "Kaggle directory or file (default: ../shared/data/kaggle if present, else a generated market)")
  String input;

  @Option(
      name = "--stocks",
      title = "stocks",
      description = "Stocks of the generated market when no Kaggle data is found (default 500)")
  @IntegerRange(min = 1)
  int stocks = 500;

  @Option(
      name = "--days",
      title = "days",
      description = "Trading days of the generated market (default 2520)")
  @IntegerRange(min = 1)
  int days = 2520;

  @AirlineModule Repetitions repetitions = new Repetitions();

  @Override
  public void run() {
    if (help.showHelpIfRequested()) {
      return;
    }
    Path data = dataDirectory();
    List<TickSource> sources = TickCsv.discover(data);
    long bytes = sources.stream().mapToLong(ParseBenchmark::size).sum();
    System.out.printf("input: %s (%d files, %.1f MB)%n", data, sources.size(), bytes / 1e6);
    System.out.printf("machine: %s%n%n", Machine.describe());

    RateMeasure parse = measure("parse (file by file)", () -> parseAll(sources));
    RateMeasure merge = measure("parse + merge (date order)", () -> mergeAll(sources, false));
    long retained = mergeAll(sources, true);

    System.out.printf(
        "%-28s %12s %14s %14s %14s %10s%n",
        "case", "rows", "rows/s median", "rows/s min", "rows/s max", "MB/s");
    for (RateMeasure m : List.of(parse, merge)) {
      System.out.printf(
          "%-28s %,12d %,14.0f %,14.0f %,14.0f %10.1f%n",
          m.name(),
          m.items(),
          m.median(),
          m.min(),
          m.max(),
          bytes / 1e6 / (m.items() / m.median()));
    }
    System.out.printf(
        "%nmerge working set (live heap mid-merge minus before, after full GCs): %.1f MiB for %d files, %s block each%n",
        retained / 1048576.0, sources.size(), blockText(sources.size()));
    System.out.printf("max heap of this JVM: %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
  }

  private RateMeasure measure(String name, java.util.function.LongSupplier run) {
    return repetitions.measure(name, run);
  }

  private static long parseAll(List<TickSource> sources) {
    long rows = 0;
    double checksum = 0;
    ParseReport report = new ParseReport();
    for (TickSource source : sources) {
      try (TickReader reader = TickCsv.read(source, MalformedLinePolicy.SKIP, report)) {
        while (reader.hasNext()) {
          checksum += reader.next().close();
          rows++;
        }
      }
    }
    blackhole(checksum);
    return rows;
  }

  /**
   * Merges everything; with {@code sampleHeap}, returns instead how much more heap is live halfway
   * through the merge than before it started: the merge's own working set.
   */
  private static long mergeAll(List<TickSource> sources, boolean sampleHeap) {
    long expected = sampleHeap ? parseAll(sources) : -1;
    long before = sampleHeap ? liveHeap() : 0;
    long rows = 0;
    long retained = 0;
    double checksum = 0;
    try (TickMerger merger =
        TickMerger.open(sources, MalformedLinePolicy.SKIP, new ParseReport())) {
      while (merger.hasNext()) {
        Tick tick = merger.next();
        checksum += tick.close();
        rows++;
        if (sampleHeap && rows == expected / 2) {
          retained = liveHeap() - before;
        }
      }
    }
    blackhole(checksum);
    return sampleHeap ? retained : rows;
  }

  private static long liveHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static String blockText(int files) {
    long share = TickMerger.DEFAULT_BUFFER_BUDGET / Math.max(1, files);
    return String.format("%.0f KiB", Math.max(4096, Math.min(1 << 20, share)) / 1024.0);
  }

  private Path dataDirectory() {
    if (input != null) {
      return Paths.get(input);
    }
    Optional<Path> shared = SharedKaggleDirectory.locate();
    if (shared.isPresent()) {
      return shared.get();
    }
    try {
      Path dir = Files.createTempDirectory("stocklambda-bench-market");
      System.out.printf(
          "no Kaggle data found beside the project: generating %d stocks x %d days in %s%n",
          stocks, days, dir);
      new SyntheticMarket(
              new SyntheticMarketConfig(
                  stocks, days, 42L, SyntheticMarketConfig.DEFAULT_START, 0, 0))
          .write(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(TickSource source) {
    try {
      return Files.size(source.path());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static volatile double sink;

  private static void blackhole(double value) {
    sink = value;
  }
}
