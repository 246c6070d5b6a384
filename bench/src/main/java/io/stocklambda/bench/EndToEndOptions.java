package io.stocklambda.bench;

import com.github.rvesse.airline.HelpOption;
import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.commands.serving.StoreLocation;
import io.stocklambda.core.config.Defaults;

/** The options of {@code bench end-to-end}. */
abstract class EndToEndOptions {

  /** Where the serving stores are ('stocklambda stack up --engines hbase,elasticsearch'). */
  @AirlineModule StoreLocation stores = new StoreLocation();

  @AirlineModule protected HelpOption<EndToEndBenchmark> help;

  @Option(
      name = "--bootstrap",
      title = "bootstrap",
      description =
          "Kafka (default "
              + Defaults.KAFKA_BOOTSTRAP
              + "; 'stocklambda stack up --engines kafka,hbase,elasticsearch')")
  String bootstrap = Defaults.KAFKA_BOOTSTRAP;

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
      description =
          "Ticks followed into both stores per second (default 5; each pending one is looked up"
              + " in each store every 10 ms at first, so more probes load the stores they measure:"
              + " with 20, HBase's p99 at 1,000 ticks/s was 848 against 632 ms with 5, back to back)")
  @IntegerRange(min = 1, max = 100)
  int probesPerSecond = 5;

  @Option(
      name = "--report-dir",
      title = "dir",
      description = "Where the CSV and the PNG chart go (default docs/bench)")
  String reportDir = "docs/bench";
}
