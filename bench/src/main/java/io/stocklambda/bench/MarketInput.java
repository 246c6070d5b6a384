package io.stocklambda.bench;

import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.SharedKaggleDirectory;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.merge.TickMerger;
import io.stocklambda.core.synth.SyntheticMarket;
import io.stocklambda.core.synth.SyntheticMarketConfig;
import io.stocklambda.core.tick.Tick;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a data-driven suite runs on, as options every such suite shares: {@code --input}, else the
 * shared Kaggle files, else a seeded synthetic market of {@code --stocks} x {@code --days}.
 */
final class MarketInput {

  @Option(
      name = "--input",
      title = "input",
      description =
          "Tick files (default: ../shared/data/kaggle if present, else a generated market, "
              + "see --stocks and --days)")
  String input;

  @Option(
      name = "--profile",
      title = "profile",
      description =
          "kaggle: generate a market of the real dataset's shape and size (see "
              + "'stocklambda generate --profile kaggle') instead of using the shared files; --scale sizes it")
  @com.github.rvesse.airline.annotations.restrictions.AllowedRawValues(allowedValues = {"kaggle"})
  String profile;

  @Option(
      name = "--scale",
      title = "scale",
      description =
          "With --profile kaggle: the share of the real set's files (default 1, the full size)")
  double scale = 1.0;

  @Option(
      name = "--merged",
      description =
          "With --profile kaggle: generate it as one merged data.csv, the thesis's format")
  boolean merged;

  @Option(
      name = "--stocks",
      title = "stocks",
      description = "Generated market without shared data or --input: stocks (default 200)")
  @IntegerRange(min = 1, max = 1_000_000)
  int stocks = 200;

  @Option(
      name = "--days",
      title = "days",
      description = "Generated market without shared data or --input: trading days (default 2520)")
  @IntegerRange(min = 10, max = 100_000)
  int days = 2520;

  private Path generated;

  /** The directory or file to read (generated once, on first use, where it has to be). */
  Path path() {
    if (input != null) {
      return Paths.get(input);
    }
    if (profile != null) {
      if (generated == null) {
        generated = generateKaggle();
      }
      return generated;
    }
    return SharedKaggleDirectory.locate().orElseGet(this::generate);
  }

  /**
   * Deletes a market this input generated (a full one is 0.8 GB); inputs given are never touched.
   */
  void deleteGenerated() {
    Path dir =
        generated == null
            ? null
            : (Files.isDirectory(generated) ? generated : generated.getParent());
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.out.println("could not delete the generated market " + dir + ": " + e.getMessage());
    }
    generated = null;
  }

  /** A description of the input, for reports. */
  String describe() {
    return profile != null
        ? String.format(
            java.util.Locale.ROOT,
            "generated market of the Kaggle shape at scale %s%s (seed 42)",
            scale,
            merged ? ", one merged data.csv" : "")
        : path().toString();
  }

  private Path generateKaggle() {
    try {
      Path dir = Files.createTempDirectory("stocklambda-bench-kaggle");
      long started = System.nanoTime();
      SyntheticMarket market = new SyntheticMarket(SyntheticMarketConfig.kaggle(scale, 42L));
      io.stocklambda.core.synth.GeneratedMarket written =
          merged ? market.writeMerged(dir.resolve("data.csv")) : market.write(dir);
      System.out.printf(
          "generated %s in %.1f s%n", written.describe(), (System.nanoTime() - started) / 1e9);
      return written.dir();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ticks in date order, the first {@code limit} of them if given. */
  List<Tick> ticks(Integer limit) {
    List<Tick> out = new ArrayList<>();
    try (TickMerger merger =
        TickMerger.open(TickCsv.discover(path()), MalformedLinePolicy.SKIP, new ParseReport())) {
      while (merger.hasNext() && (limit == null || out.size() < limit)) {
        out.add(merger.next());
      }
    }
    return out;
  }

  private Path generate() {
    try {
      Path dir = Files.createTempDirectory("stocklambda-bench-market");
      new SyntheticMarket(
              new SyntheticMarketConfig(
                  stocks, days, 42L, SyntheticMarketConfig.DEFAULT_START, 0, 0))
          .write(dir);
      System.out.printf("no shared data: generated %d stocks x %d days in %s%n", stocks, days, dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
