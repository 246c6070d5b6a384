package io.stocklambda.cli;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.AllowedRawValues;
import com.github.rvesse.airline.annotations.restrictions.Required;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.core.synth.GeneratedMarket;
import io.stocklambda.core.synth.MalformedLine;
import io.stocklambda.core.synth.SyntheticMarket;
import io.stocklambda.core.synth.SyntheticMarketConfig;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** {@code stocklambda generate}: writes a seeded synthetic market in the Kaggle format. */
@Command(
    name = "generate",
    description =
        "Write a seeded synthetic market in the Kaggle format: the bundled demo market, or one of the real dataset's shape and size")
public final class GenerateCommand extends CliCommand {

  @Option(
      name = "--profile",
      title = "profile",
      description =
          "compact (default): the demo market, sized by --stocks, --days, --etfs; "
              + "kaggle: the real dataset's shape (1962-01-02 to 2017-11-10, 7,163 stock files with data, 32 empty, 1,344 ETF files, about "
              + "17 M rows, files from a few rows to 14,000, 2 malformed lines), sized by --scale")
  @AllowedRawValues(allowedValues = {"compact", "kaggle"})
  String profile = "compact";

  @Option(
      name = "--scale",
      title = "scale",
      description =
          "With --profile kaggle: the share of its files, over the same calendar (default 1, the full size; 0.1 a tenth)")
  Double scale;

  @Option(
      name = "--stocks",
      title = "stocks",
      description = "Stock files with data (default 50; compact profile)")
  @IntegerRange(min = 0, max = 1_000_000)
  Integer stocks;

  @Option(
      name = "--days",
      title = "days",
      description =
          "Trading days in the market calendar (default 2520, ten years; compact profile)")
  @IntegerRange(min = 1, max = 100_000)
  Integer days;

  @Option(
      name = "--seed",
      title = "seed",
      description = "Random seed; the same seed writes byte-identical files (default 42)")
  long seed = SyntheticMarketConfig.DEFAULT_SEED;

  @Option(
      name = "--start",
      title = "start",
      description = "First calendar day, yyyy-MM-dd (default 2005-01-03; compact profile)")
  String start;

  @Option(
      name = "--etfs",
      title = "etfs",
      description = "ETF files, written under ETFs/ (default 3; compact profile)")
  @IntegerRange(min = 0, max = 10_000)
  Integer etfs;

  @Option(
      name = "--empty-files",
      title = "empty-files",
      description = "Zero-byte stock files, as the real dataset has (default 1; compact profile)")
  @IntegerRange(min = 0, max = 10_000)
  Integer emptyFiles;

  @Option(
      name = "--merged",
      description =
          "Write one merged data.csv in the thesis's layout (Date,...,OpenInt,Stock; global date order) "
              + "instead of one file per stock; --out is then the file")
  boolean merged;

  @Option(
      name = "--out",
      title = "out",
      description = "Directory to write Stocks/ and ETFs/ into (with --merged: the file to write)")
  @Required
  String out;

  @Override
  protected int execute() {
    SyntheticMarketConfig config = config();
    long started = System.nanoTime();
    SyntheticMarket market = new SyntheticMarket(config);
    GeneratedMarket written = merged ? market.writeMerged(outDir()) : market.write(outDir());
    double seconds = (System.nanoTime() - started) / 1e9;
    out()
        .printf(
            "Generated %s (profile %s, seed %d) in %.1f s (%,.0f rows/s)%n",
            written.describe(), profile, config.seed(), seconds, written.rows() / seconds);
    for (MalformedLine line : written.malformed()) {
      out().println("  malformed on purpose: " + line.describe());
    }
    return 0;
  }

  /**
   * The options as a validated config; bad values and mixed profiles fail here, with the option
   * named.
   */
  SyntheticMarketConfig config() {
    if (profile.equals("kaggle")) {
      List<String> compactOnly = new ArrayList<>();
      if (stocks != null) {
        compactOnly.add("--stocks");
      }
      if (days != null) {
        compactOnly.add("--days");
      }
      if (start != null) {
        compactOnly.add("--start");
      }
      if (etfs != null) {
        compactOnly.add("--etfs");
      }
      if (emptyFiles != null) {
        compactOnly.add("--empty-files");
      }
      if (!compactOnly.isEmpty()) {
        throw new IllegalArgumentException(
            String.join(", ", compactOnly)
                + " size the compact profile; --profile kaggle is sized by --scale");
      }
      return SyntheticMarketConfig.kaggle(scale == null ? 1.0 : scale, seed);
    }
    if (scale != null) {
      throw new IllegalArgumentException(
          "--scale sizes --profile kaggle; the compact profile is sized by --stocks and --days");
    }
    LocalDate first;
    String day = start == null ? SyntheticMarketConfig.DEFAULT_START.toString() : start;
    try {
      first = LocalDate.parse(day);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "--start must be a date like 2005-01-03, was '" + day + "'");
    }
    return new SyntheticMarketConfig(
        stocks == null ? SyntheticMarketConfig.DEFAULT_STOCKS : stocks,
        days == null ? SyntheticMarketConfig.DEFAULT_DAYS : days,
        seed,
        first,
        etfs == null ? 3 : etfs,
        emptyFiles == null ? 1 : emptyFiles);
  }

  Path outDir() {
    return Paths.get(out);
  }
}
