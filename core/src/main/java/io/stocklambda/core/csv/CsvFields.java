package io.stocklambda.core.csv;

import io.stocklambda.core.tick.Tick;
import io.stocklambda.core.tick.TradingDates;
import java.time.LocalDate;

/**
 * Turns one data line into a {@link Tick}, or says precisely what is wrong with it.
 *
 * <p>Fields are split on commas (the Kaggle and thesis files never quote or embed commas; a pair of
 * surrounding double quotes is tolerated) and trimmed.
 */
final class CsvFields {

  private final int[] starts;
  private final int[] ends;

  CsvFields(int maxFields) {
    this.starts = new int[maxFields];
    this.ends = new int[maxFields];
  }

  /**
   * Parses a data line.
   *
   * @throws IllegalArgumentException with the reason, which the caller decorates with file and line
   */
  Tick parse(String line, ColumnLayout layout, String symbolFromFileName) {
    int count = split(line, layout.fieldCount());
    if (count != layout.fieldCount()) {
      throw new IllegalArgumentException(
          "expected "
              + layout.fieldCount()
              + " fields, found "
              + (count > layout.fieldCount() ? "more" : count));
    }
    LocalDate date = TradingDates.parse(field(line, layout.date()));
    double open = price(line, layout.open(), "open");
    double high = price(line, layout.high(), "high");
    double low = price(line, layout.low(), "low");
    double close = price(line, layout.close(), "close");
    long volume = volume(line, layout.volume());
    String stock = layout.hasStockColumn() ? field(line, layout.stock()) : symbolFromFileName;
    if (stock.isEmpty()) {
      throw new IllegalArgumentException("empty stock");
    }
    return new Tick(stock, date, open, high, low, close, volume);
  }

  /** Splits into at most {@code expected + 1} fields; returns how many were found. */
  private int split(String line, int expected) {
    int count = 0;
    int start = 0;
    int n = line.length();
    while (true) {
      int comma = line.indexOf(',', start);
      int end = comma < 0 ? n : comma;
      if (count == expected) {
        return expected + 1;
      }
      if (count < starts.length) {
        starts[count] = start;
        ends[count] = end;
      }
      count++;
      if (comma < 0) {
        return count;
      }
      start = comma + 1;
    }
  }

  private String field(String line, int index) {
    int s = starts[index];
    int e = ends[index];
    while (s < e && line.charAt(s) <= ' ') {
      s++;
    }
    while (e > s && line.charAt(e - 1) <= ' ') {
      e--;
    }
    if (e - s >= 2 && line.charAt(s) == '"' && line.charAt(e - 1) == '"') {
      s++;
      e--;
    }
    return line.substring(s, e);
  }

  private double price(String line, int index, String name) {
    String text = field(line, index);
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad " + name + " '" + text + "'");
    }
  }

  private long volume(String line, int index) {
    String text = field(line, index);
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      try {
        double value = Double.parseDouble(text);
        if (value == Math.rint(value) && Math.abs(value) < 9.0e18) {
          return (long) value;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
      throw new IllegalArgumentException("bad volume '" + text + "'");
    }
  }

  static String unquote(String field) {
    String f = field.strip();
    if (f.startsWith("\uFEFF")) {
      f = f.substring(1);
    }
    if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
      f = f.substring(1, f.length() - 1).strip();
    }
    return f;
  }
}
