package io.stocklambda.cli.demo;

import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.Port;
import com.github.rvesse.airline.annotations.restrictions.PortType;
import com.github.rvesse.airline.annotations.restrictions.ranges.DoubleRange;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.cli.CliCommand;
import io.stocklambda.cli.stack.StackPortOptions;
import io.stocklambda.core.synth.SyntheticMarketConfig;

/** The options of {@code stocklambda demo}. */
abstract class DemoOptions extends CliCommand {

  @Option(
      name = "--data",
      title = "data",
      description =
          "A Kaggle directory (Stocks/, ETFs/) or a merged data.csv (default: generate the synthetic market)")
  String data;

  @Option(
      name = "--stocks",
      title = "stocks",
      description = "Synthetic market without --data: stocks (default 50)")
  @IntegerRange(min = 1, max = 100_000)
  int stocks = SyntheticMarketConfig.DEFAULT_STOCKS;

  @Option(
      name = "--days",
      title = "days",
      description =
          "Synthetic market without --data: trading days (default 2520, ten years; "
              + "at least 500, two years, for training, validation and test periods)")
  @IntegerRange(min = 500, max = 100_000)
  int days = SyntheticMarketConfig.DEFAULT_DAYS;

  @Option(
      name = "--seed",
      title = "seed",
      description = "Synthetic market without --data: random seed (default 42)")
  long seed = SyntheticMarketConfig.DEFAULT_SEED;

  @Option(
      name = "--live-days",
      title = "live-days",
      description =
          "The last N trading days are replayed live; the rest is history for the batch layer (default 120)")
  @IntegerRange(min = 1, max = 100_000)
  int liveDays = 120;

  @Option(
      name = "--speed",
      title = "speed",
      description = "Replay pace in trading days per second (default 2)")
  @DoubleRange(min = 0.01, max = 100_000)
  double speed = 2;

  @Option(
      name = "--duration",
      title = "duration",
      description = "Stop after this long, e.g. 90s, 10m, 1h (default: run until Ctrl-C)")
  String duration;

  @Option(
      name = "--dir",
      title = "dir",
      description =
          "Where the demo keeps everything: data, stack, logs (default stocklambda-data/demo)")
  String dir = "stocklambda-data/demo";

  @Option(
      name = "--fresh",
      description =
          "Replace a previous demo in --dir even if its stack still runs (--keep-stack): stop it first")
  boolean fresh;

  @Option(
      name = "--keep-stack",
      description =
          "Leave the stack running at the end, to look around in HBase, Elasticsearch and HDFS")
  boolean keepStack;

  @Option(
      name = "--port",
      title = "port",
      description = "HTTP port of the query API and the live web view (default 8080)")
  @Port(acceptablePorts = PortType.ANY)
  int port = 8080;

  @Option(name = "--window", title = "window", description = "Ticks per window (default 5)")
  @IntegerRange(min = 2, max = 250)
  int window = 5;

  @Option(
      name = "--with-oozie",
      description =
          "Once the live days are replayed, retrain through Oozie as the daily coordinator does: deploy the application, run its workflow on YARN (MapReduce, Spark in cluster mode), and watch the speed and serving layers follow")
  boolean withOozie;

  @AirlineModule StackPortOptions stackPorts = new StackPortOptions();
}
