package io.stocklambda.commands.batch;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.Required;
import io.stocklambda.core.config.Defaults;

/** {@code stocklambda batch backfill}: the batch view of a range of dates and stocks. */
@Command(
    name = "backfill",
    description =
        "Spark: score the windows of a date range (and stocks) with a chosen model, under batch/backfills/")
public class BackfillOptions extends SparkOptions {

  @Option(name = "--from", title = "from", description = "First date, yyyy-MM-dd")
  @Required
  public String from;

  @Option(name = "--to", title = "to", description = "Last date, yyyy-MM-dd")
  @Required
  public String to;

  @Option(
      name = "--stocks",
      title = "stocks",
      description = "Comma-separated symbols, e.g. ibm.us,aapl.us (default: every stock)")
  public String stocks;

  @Option(
      name = "--model",
      title = "model",
      description = "Model version, or current (the default)")
  public String model = "current";

  @Option(
      name = "--training",
      title = "training",
      description =
          "The training set run whose windows to score (default: the newest complete one)")
  public String training;

  @Option(
      name = "--run",
      title = "run",
      description = "Name of the backfill, under batch/backfills/ (default: backfill-<time>)")
  public String run = "backfill-" + Defaults.runId();
}
