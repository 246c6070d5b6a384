package io.stocklambda.core.csv;

import io.stocklambda.core.tick.Symbols;
import io.stocklambda.core.tick.Tick;

/**
 * Parses tick lines one at a time, for readers that get lines from elsewhere (a MapReduce split, a
 * stream): built from the file's first line (its header, or a data line when the file has none) and
 * the symbol its name gives.
 */
public final class TickLineParser {

  private final ColumnLayout layout;
  private final CsvFields fields;
  private final String symbol;

  private TickLineParser(ColumnLayout layout, String symbol) {
    this.layout = layout;
    this.fields = new CsvFields(layout.fieldCount());
    this.symbol = symbol;
  }

  /**
   * @param firstLine the file's first line: a header ({@code Date,Open,...[,Stock]}) or, for a
   *     headerless Kaggle file, its first data line
   * @param symbol the symbol from the file name, used when there is no {@code Stock} column
   * @throws IllegalArgumentException if the header lacks a required column, or the file has no
   *     {@code Stock} column and {@code symbol} is not a symbol ({@link Symbols})
   */
  public static TickLineParser forFile(String firstLine, String symbol) {
    ColumnLayout layout =
        isHeader(firstLine) ? ColumnLayout.fromHeader(firstLine) : ColumnLayout.KAGGLE;
    if (layout.hasStockColumn()) {
      return new TickLineParser(layout, symbol);
    }
    try {
      return new TickLineParser(layout, Symbols.normalize(symbol));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the file name gives no stock: " + e.getMessage(), e);
    }
  }

  /** Whether a line is a header rather than data. */
  public static boolean isHeader(String line) {
    return ColumnLayout.isHeader(line);
  }

  /**
   * @throws IllegalArgumentException with the reason, for the caller to report with file and line
   */
  public Tick parse(String line) {
    return fields.parse(line, layout, symbol);
  }

  ColumnLayout layout() {
    return layout;
  }
}
