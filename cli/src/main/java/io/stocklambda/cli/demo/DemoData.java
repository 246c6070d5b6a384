package io.stocklambda.cli.demo;

import io.stocklambda.core.csv.MalformedLimit;
import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.dataset.DatasetSplit;
import io.stocklambda.core.dataset.TimeSplit;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.NavigableSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The demo's first step: the input's trading dates (malformed lines reported and skipped), the last
 * {@code liveDays} split off for the live replay, and the time split of what is left for training.
 */
final class DemoData {

  /** Malformed lines of the input printed one by one; the rest are counted. */
  private static final int SHOWN_MALFORMED = 10;

  /**
   * @param split the history and the live part, written under {@code home/data}
   * @param firstLive the first live trading date
   * @param lastLive the last trading date of the input
   * @param timeSplit the test period and validation years of the history
   */
  record Prepared(
      DatasetSplit.Result split, LocalDate firstLive, LocalDate lastLive, TimeSplit timeSplit) {}

  private DemoData() {}

  /**
   * The input split, or null (said why) if it holds more malformed lines than any reader accepts.
   */
  static Prepared prepare(Path input, Path home, int liveDays, PrintStream out) {
    AtomicInteger shownMalformed = new AtomicInteger();
    ParseReport report =
        new ParseReport(
            e -> {
              if (shownMalformed.getAndIncrement() < SHOWN_MALFORMED) {
                out.println("  malformed line skipped: " + e.getMessage());
              }
            });
    NavigableSet<LocalDate> dates =
        DatasetSplit.tradingDates(TickCsv.discover(input), MalformedLinePolicy.SKIP, report);
    if (MalformedLimit.DEFAULT.exceededBy(report.malformedLines(), report.dataLines())) {
      out.printf(
          "stocklambda demo: %,d of the %,d data lines of %s are malformed, more than %s: this input looks broken%n",
          report.malformedLines(), report.dataLines(), input, MalformedLimit.DEFAULT.describe());
      return null;
    }
    LocalDate firstLive = DatasetSplit.firstOfLast(dates, liveDays);
    DatasetSplit.Result split =
        DatasetSplit.split(
            input,
            firstLive,
            home.resolve("data/history"),
            home.resolve("data/live"),
            MalformedLinePolicy.SKIP,
            new ParseReport());
    out.println("  " + split.describe());
    if (report.malformedLines() > 0) {
      out.printf(
          "  %,d malformed line(s) skipped, as every reader skips them (%s at most)%n",
          report.malformedLines(), MalformedLimit.DEFAULT.describe());
    }
    if (!report.emptyFiles().isEmpty()) {
      out.printf(
          "  %d empty file(s) skipped, e.g. %s%n",
          report.emptyFiles().size(), report.emptyFiles().get(0).getFileName());
    }
    return new Prepared(
        split, firstLive, dates.last(), TimeSplit.of(dates.headSet(firstLive, false)));
  }
}
