package io.stocklambda.cli;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import com.github.rvesse.airline.annotations.restrictions.Required;
import io.stocklambda.core.synth.GeneratedMarket;
import io.stocklambda.core.synth.SyntheticMarket;
import io.stocklambda.core.synth.SyntheticMarketConfig;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;

/** {@code stocklambda generate}: writes a seeded synthetic market in the Kaggle format. */
@Command(name = "generate", description = "Write a seeded synthetic market in the Kaggle format (the bundled demo and test data)")
public final class GenerateCommand extends CliCommand {

  @Option(name = "--stocks", title = "stocks", description = "Stock files with data (default 50)")
  @IntegerRange(min = 0, max = 1_000_000)
  int stocks = SyntheticMarketConfig.DEFAULT_STOCKS;

  @Option(name = "--days", title = "days", description = "Trading days in the market calendar (default 2520, ten years)")
  @IntegerRange(min = 1, max = 100_000)
  int days = SyntheticMarketConfig.DEFAULT_DAYS;

  @Option(name = "--seed", title = "seed", description = "Random seed; the same seed writes byte-identical files (default 42)")
  long seed = SyntheticMarketConfig.DEFAULT_SEED;

  @Option(name = "--start", title = "start", description = "First calendar day, yyyy-MM-dd (default 2005-01-03)")
  String start = SyntheticMarketConfig.DEFAULT_START.toString();

  @Option(name = "--etfs", title = "etfs", description = "ETF files, written under ETFs/ (default 3)")
  @IntegerRange(min = 0, max = 10_000)
  int etfs = 3;

  @Option(name = "--empty-files", title = "empty-files", description = "Zero-byte stock files, as the real dataset has (default 1)")
  @IntegerRange(min = 0, max = 10_000)
  int emptyFiles = 1;

  @Option(name = "--out", title = "out", description = "Directory to write Stocks/ and ETFs/ into")
  @Required
  String out;

  @Override
  protected int execute() {
    SyntheticMarketConfig config = config();
    long started = System.nanoTime();
    GeneratedMarket market = new SyntheticMarket(config).write(Paths.get(out));
    double seconds = (System.nanoTime() - started) / 1e9;
    out().printf("Generated %s (seed %d) in %.1f s%n", market.describe(), config.seed(), seconds);
    return 0;
  }

  /** The options as a validated config; bad values fail here, with the option named. */
  SyntheticMarketConfig config() {
    LocalDate first;
    try {
      first = LocalDate.parse(start);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--start must be a date like 2005-01-03, was '" + start + "'");
    }
    return new SyntheticMarketConfig(stocks, days, seed, first, etfs, emptyFiles);
  }

  Path outDir() {
    return Paths.get(out);
  }
}
