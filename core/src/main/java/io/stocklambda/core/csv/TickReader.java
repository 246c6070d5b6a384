package io.stocklambda.core.csv;

import io.stocklambda.core.tick.Tick;
import java.io.Closeable;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streams the ticks of one CSV file in constant memory.
 *
 * <p>The first non-blank line is taken as a header when its first field is not a date; a file
 * without header is read with the Kaggle layout. Rows must come in date order (equal dates are
 * allowed across stocks, as in a merged file); a row dated before its predecessor is malformed, and
 * so is a second row of the same (stock, date), by {@link DuplicateRule}. Malformed lines follow
 * the {@link MalformedLinePolicy}; an empty file (no data row) is recorded in the {@link
 * ParseReport} and yields nothing.
 */
public final class TickReader implements Iterator<Tick>, Closeable {

  private final TickSource source;
  private final LineReader lines;
  private final MalformedLinePolicy policy;
  private final ParseReport report;
  private TickLineParser parser;
  private String unreadable;
  private Tick lookahead;
  private LocalDate lastDate;
  private long lastDateLine;

  /** A merged file's last date and its line, per stock: {epoch day, line}. */
  private Map<String, long[]> lastByStock;

  private long rows;
  private long dataLines;
  private boolean finished;

  TickReader(TickSource source, LineReader lines, MalformedLinePolicy policy, ParseReport report) {
    this.source = source;
    this.lines = lines;
    this.policy = policy;
    this.report = report;
    report.fileOpened();
  }

  public TickSource source() {
    return source;
  }

  /**
   * Whether the stock comes from a column of each row (a merged file) rather than from the file's
   * name; known once the first row was read ({@link #hasNext()}).
   */
  public boolean hasStockColumn() {
    return parser != null && parser.layout().hasStockColumn();
  }

  @Override
  public boolean hasNext() {
    if (lookahead == null && !finished) {
      lookahead = advance();
    }
    return lookahead != null;
  }

  @Override
  public Tick next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Tick tick = lookahead;
    lookahead = null;
    return tick;
  }

  private Tick advance() {
    String line;
    while ((line = lines.next()) != null) {
      if (line.isBlank()) {
        report.blankLine();
        continue;
      }
      if (parser == null && unreadable == null) {
        try {
          if (startLayout(line)) {
            continue;
          }
        } catch (MalformedLineException e) {
          if (policy == MalformedLinePolicy.FAIL) {
            throw e;
          }
          report.malformed(e);
          dataLines++; // the file had content, just none we could read: not "empty"
          unreadable = e.reason();
          continue;
        }
      }
      if (unreadable != null) {
        // every line of a file whose header cannot be read is malformed, as the batch layer counts
        // them
        dataLines++;
        report.malformed(
            new MalformedLineException(
                source.path(), lines.lineNumber(), "unreadable file: " + unreadable, line));
        continue;
      }
      dataLines++;
      Tick tick = parse(line);
      if (tick != null) {
        rows++;
        return tick;
      }
    }
    finish();
    return null;
  }

  /** Sets the parser from the first line; true when that line was a header to skip. */
  private boolean startLayout(String first) {
    try {
      parser = TickLineParser.forFile(first, source.symbol());
    } catch (IllegalArgumentException e) {
      // a file whose header cannot be understood has no row we could trust
      throw new MalformedLineException(source.path(), lines.lineNumber(), e.getMessage(), first);
    }
    return TickLineParser.isHeader(first);
  }

  private Tick parse(String line) {
    try {
      Tick tick = parser.parse(line);
      if (lastDate != null && tick.date().isBefore(lastDate)) {
        throw new IllegalArgumentException(
            "date "
                + tick.date()
                + " is before the previous row's "
                + lastDate
                + " (rows must be in date order)");
      }
      long firstLine = duplicateOf(tick);
      if (firstLine > 0) {
        throw new IllegalArgumentException(
            DuplicateRule.describe(tick.stock(), tick.date(), firstLine));
      }
      lastDate = tick.date();
      return tick;
    } catch (IllegalArgumentException e) {
      MalformedLineException malformed =
          new MalformedLineException(source.path(), lines.lineNumber(), e.getMessage(), line);
      if (policy == MalformedLinePolicy.FAIL) {
        throw malformed;
      }
      report.malformed(malformed);
      return null;
    }
  }

  /**
   * The line of an earlier row of this tick's (stock, date), or 0; records the tick's otherwise.
   */
  private long duplicateOf(Tick tick) {
    long line = lines.lineNumber();
    if (!parser.layout().hasStockColumn()) {
      if (tick.date().equals(lastDate)) {
        return lastDateLine;
      }
      lastDateLine = line;
      return 0;
    }
    if (lastByStock == null) {
      lastByStock = new HashMap<>();
    }
    long day = tick.date().toEpochDay();
    long[] last = lastByStock.get(tick.stock());
    if (last != null && last[0] == day) {
      return last[1];
    }
    lastByStock.put(tick.stock(), new long[] {day, line});
    return 0;
  }

  private void finish() {
    if (!finished) {
      finished = true;
      report.rowsRead(rows);
      if (dataLines == 0) {
        report.emptyFile(source.path());
      }
      lines.close();
    }
  }

  @Override
  public void close() {
    lookahead = null;
    if (!finished) {
      finished = true;
      report.rowsRead(rows);
      lines.close();
    }
  }
}
