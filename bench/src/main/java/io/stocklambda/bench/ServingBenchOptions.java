package io.stocklambda.bench;

import com.github.rvesse.airline.HelpOption;
import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.commands.serving.StoreLocation;

/** The options of {@code bench serving}. */
abstract class ServingBenchOptions {

  /** Where the serving stores are ('stocklambda stack up --engines hbase,elasticsearch'). */
  @AirlineModule StoreLocation stores = new StoreLocation();

  @AirlineModule protected HelpOption<ServingBenchmark> help;

  @AirlineModule MarketInput market = new MarketInput();

  @Option(
      name = "--speed-rows",
      title = "rows",
      description = "Rows written through the speed path per store (default 100000)")
  @IntegerRange(min = 1, max = 100_000_000)
  int speedRows = 100_000;

  @Option(
      name = "--speed-batch",
      title = "rows",
      description = "Rows per speed-path write, as one consumer poll brings (default 500)")
  @IntegerRange(min = 1, max = 100_000)
  int speedBatch = 500;

  @Option(
      name = "--queries",
      title = "queries",
      description = "Queries per path, after 200 of warm-up (default 2000)")
  @IntegerRange(min = 1, max = 10_000_000)
  int queries = 2000;

  @Option(
      name = "--readers",
      title = "readers",
      description =
          "Concurrent readers querying both stores during the batch view load (default 4)")
  @IntegerRange(min = 0, max = 256)
  int readers = 4;

  @Option(
      name = "--report-dir",
      title = "dir",
      description = "Where the CSV and the PNG charts go (default docs/bench)")
  String reportDir = "docs/bench";
}
