package io.stocklambda.core.csv;

import java.time.LocalDate;

/**
 * The one rule for two rows of the same (stock, date) in one source: <b>the first row wins</b>, and
 * the later one is a malformed line, reported with its file and line and skipped. Every reader
 * applies it: the landing check and the replay through {@link TickReader} (the landed file keeps
 * its bytes; the manifest quarantines the line), the batch layer by sorting a file's rows of one
 * (stock, date) in line order and keeping the first, and the speed layer's window, which refuses a
 * repeated date. So both layers see the same window. Between two landed files, the batch layer
 * keeps the newer file's row (see the MapReduce key).
 */
public final class DuplicateRule {

  private DuplicateRule() {}

  /** The reason given for the later row. */
  public static String describe(String stock, LocalDate date, long firstLine) {
    return "duplicate row: "
        + stock
        + " "
        + date
        + " was given at line "
        + firstLine
        + ", and the first row wins";
  }
}
