package io.stocklambda.commands.ingest;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.commands.Component;
import io.stocklambda.commands.DatasetOptions;
import io.stocklambda.core.config.Defaults;
import io.stocklambda.core.dataset.Topics;

/** {@code stocklambda ingest archive}. */
@Command(
    name = "archive",
    description =
        "Consume 'ticks' and append them to the HDFS master dataset by date, exactly once across crashes")
public class ArchiveOptions extends DatasetOptions {

  @Option(
      name = "--bootstrap",
      title = "bootstrap",
      description = "Kafka bootstrap servers (default " + Defaults.KAFKA_BOOTSTRAP + ")")
  public String bootstrap = Defaults.KAFKA_BOOTSTRAP;

  @Option(
      name = "--topic",
      title = "topic",
      description =
          "Topic to archive (default ticks); records that are not ticks go to <topic>-dlq")
  public String topic = Topics.TICKS;

  @Option(
      name = "--group",
      title = "group",
      description = "Kafka consumer group (default stocklambda-archive)")
  public String group = "stocklambda-archive";

  @Option(
      name = "--instance",
      title = "instance",
      description =
          "This archiver's static member id in the group (default 1); one per running archiver")
  public String instance = "1";

  @Option(
      name = "--roll-records",
      title = "roll-records",
      description = "Commit a segment every N records (default 100000)")
  @IntegerRange(min = 1)
  public int rollRecords = 100_000;

  @Option(
      name = "--roll-seconds",
      title = "roll-seconds",
      description = "... or when it is this many seconds old (default 60)")
  @IntegerRange(min = 1)
  public int rollSeconds = 60;

  @Option(
      name = "--until-idle",
      title = "until-idle",
      description =
          "Stop after this many seconds without a new record (default: run until stopped)")
  @IntegerRange(min = 1)
  public Integer untilIdle;

  @Option(
      name = "--crash-after",
      title = "crash-after",
      hidden = true,
      description = "Crash tests: halt after staged|manifest|promoted")
  public String crashAfter;

  @Option(
      name = "--arrival-date",
      title = "date",
      hidden = true,
      description =
          "Tests of the daily partitions: take the ticks to arrive on this UTC date, yyyy-MM-dd (default today)")
  @com.github.rvesse.airline.annotations.restrictions.Pattern(
      pattern = "\\d{4}-\\d{2}-\\d{2}",
      description = "yyyy-MM-dd")
  public String arrivalDate;

  @Override
  public Component component() {
    return Component.INGEST;
  }

  @Override
  protected String group() {
    return "ingest";
  }
}
