package io.stocklambda.commands.ingest;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.AllowedRawValues;
import com.github.rvesse.airline.annotations.restrictions.Required;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.commands.Component;
import io.stocklambda.commands.ComponentOptions;
import io.stocklambda.core.config.Defaults;
import io.stocklambda.core.csv.MalformedLimit;
import io.stocklambda.core.dataset.Topics;

/** {@code stocklambda ingest replay}. */
@Command(
    name = "replay",
    description =
        "Produce ticks to Kafka topic 'ticks' in global date order, keyed by stock, at a chosen pace")
public class ReplayOptions extends ComponentOptions {

  @Option(
      name = "--input",
      title = "input",
      description = "A Kaggle directory, one file, or a merged data.csv")
  @Required
  public String input;

  @Option(
      name = "--bootstrap",
      title = "bootstrap",
      description =
          "Kafka bootstrap servers (default "
              + Defaults.KAFKA_BOOTSTRAP
              + ", the embedded stack's)")
  public String bootstrap = Defaults.KAFKA_BOOTSTRAP;

  @Option(
      name = "--topic",
      title = "topic",
      description = "Topic to produce to (default ticks); created if missing, with <topic>-dlq")
  public String topic = Topics.TICKS;

  @Option(name = "--max", description = "As fast as possible (the default)")
  public boolean max;

  @Option(name = "--rate", title = "rate", description = "Ticks per second")
  public Double rate;

  @Option(
      name = "--days-per-second",
      title = "days-per-second",
      description = "Market time compressed: trading days per second, each day's ticks together")
  public Double daysPerSecond;

  @Option(name = "--from", title = "from", description = "First trading date to send, yyyy-MM-dd")
  public String from;

  @Option(name = "--to", title = "to", description = "Last trading date to send, yyyy-MM-dd")
  public String to;

  @Option(
      name = "--skip",
      title = "skip",
      description =
          "Skip the first N ticks of the selection: resumes an interrupted replay exactly (it prints N)")
  public long skip;

  @Option(
      name = "--format",
      title = "format",
      description =
          "tick (default): {stock,date,open,high,low,close,volume}; thesis: {stock,price,date}")
  @AllowedRawValues(allowedValues = {"tick", "thesis"})
  public String format = "tick";

  @Option(
      name = "--partitions",
      title = "partitions",
      description = "Partitions of 'ticks' if it has to be created (default 4)")
  @IntegerRange(min = 1, max = 1000)
  public int partitions = 4;

  @Option(
      name = "--on-malformed",
      title = "on-malformed",
      description =
          "skip (default): report a malformed line with its file and line, "
              + "skip it and go on (the run ends with exit 1 if there were more than --max-malformed); fail: stop at the first one")
  @AllowedRawValues(allowedValues = {"fail", "skip"})
  public String onMalformed = "skip";

  @Option(
      name = "--max-malformed",
      title = "max-malformed",
      description =
          "With skip: malformed lines above which the run, once "
              + "finished, reports failure, a count (100) or a share of the data lines (0.1%, the default); the good ticks are sent anyway")
  public String maxMalformed = MalformedLimit.DEFAULT.text();

  @Override
  public Component component() {
    return Component.INGEST;
  }

  @Override
  protected String group() {
    return "ingest";
  }
}
