package io.stocklambda.ingest.replay;

import io.stocklambda.commands.ComponentMain;
import io.stocklambda.commands.ingest.ReplayOptions;
import io.stocklambda.core.csv.MalformedLimit;
import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.merge.TickMerger;
import io.stocklambda.core.progress.GracefulStop;
import io.stocklambda.core.progress.Progress;
import io.stocklambda.kafka.KafkaTopics;
import io.stocklambda.kafka.TopicSpec;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;

/** {@code stocklambda ingest replay}. */
public final class ReplayCommand extends ReplayOptions implements ComponentMain.Executable {

  /** Malformed lines printed one by one; the rest are counted. */
  private static final int PRINTED_MALFORMED = 50;

  @Override
  public int execute() {
    Pace pace = pace();
    MalformedLimit limit = MalformedLimit.parse(maxMalformed);
    ReplayFilter filter = new ReplayFilter(date(from, "--from"), date(to, "--to"), skip);
    KafkaTopics.ensure(bootstrap, TopicSpec.ticks(topic, partitions));

    GracefulStop stop =
        GracefulStop.install(
            Duration.ofSeconds(60)); // flush and say where to resume before exiting

    java.util.concurrent.atomic.AtomicLong printed = new java.util.concurrent.atomic.AtomicLong();
    ParseReport report =
        new ParseReport(
            e -> {
              if (printed.incrementAndGet() <= PRINTED_MALFORMED) {
                System.err.println("skipped malformed line " + e.getMessage());
              }
            });
    Replayer.Result result;
    System.err.printf(
        "replaying %s into '%s' at %s, %s%n", input, topic, bootstrap, pace.describe());
    try (TickMerger ticks =
            TickMerger.open(
                TickCsv.discover(Paths.get(input)),
                MalformedLinePolicy.valueOf(onMalformed.toUpperCase(Locale.ROOT)),
                report);
        KafkaTickSink sink = new KafkaTickSink(bootstrap, topic, format.equals("thesis"));
        Progress progress = Progress.start("replay", "ticks", 0)) {
      result = new Replayer(sink, pace, filter).replay(ticks, stop::requested, progress);
    }
    System.out.printf(
        "replayed %,d ticks%s in %.1f s: %,.0f ticks/s, every one acknowledged by Kafka%n",
        result.sent(),
        result.first() == null
            ? ""
            : " (" + result.first().date() + " to " + result.last().date() + ")",
        result.seconds(),
        result.rate());
    System.out.println("input: " + report.describe());
    if (result.stopped()) {
      System.out.printf(
          "stopped on request after %s; resume with the same options and --skip %d%n",
          result.last() == null ? "nothing" : result.last().date() + " " + result.last().stock(),
          result.resumeSkip());
    }
    stop.close();
    if (result.stopped()) {
      return 130;
    }
    if (limit.exceededBy(report.malformedLines(), report.dataLines())) {
      System.err.printf(
          "stocklambda: %,d malformed line(s) in %,d data lines are more than --max-malformed %s takes; the %,d good "
              + "ticks were sent, but this input looks broken%n",
          report.malformedLines(), report.dataLines(), limit.text(), result.sent());
      return 1;
    }
    return 0;
  }

  Pace pace() {
    int chosen = (max ? 1 : 0) + (rate != null ? 1 : 0) + (daysPerSecond != null ? 1 : 0);
    if (chosen > 1) {
      throw new IllegalArgumentException("choose one pace: --max, --rate or --days-per-second");
    }
    if (rate != null) {
      return Pace.rate(rate);
    }
    if (daysPerSecond != null) {
      return Pace.daysPerSecond(daysPerSecond);
    }
    return Pace.max();
  }

  private static LocalDate date(String text, String option) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          option + " must be a date like 2009-03-02, was '" + text + "'");
    }
  }
}
