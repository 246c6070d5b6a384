package io.stocklambda.core.serving;

import io.stocklambda.core.tick.Symbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The serving stores' keys, from the contract: HBase row {@code <stock>#<yyyyMMdd>}, Elasticsearch
 * document id {@code <stock>_<yyyyMMdd>}. One key per (stock, date), so every write is idempotent;
 * rows of one stock sort by date, so a date range is one scan. {@code #} is outside the symbol
 * grammar ({@link Symbols}), so the rows of two valid symbols never share a key range.
 */
public final class ServingKeys {

  private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

  /** Characters of a key's date, {@code yyyyMMdd}. */
  private static final int DATE_LENGTH = 8;

  /**
   * HBase column family of the batch view (its cells versioned by the view), and of the speed view.
   */
  public static final String BATCH_FAMILY = "b";

  public static final String SPEED_FAMILY = "s";

  /** HBase qualifier of the Prediction JSON in either family. */
  public static final String PREDICTION_QUALIFIER = "p";

  private ServingKeys() {}

  public static String rowKey(String stock, LocalDate date) {
    return stock + "#" + BASIC.format(date);
  }

  /** The first row key of a stock at or after {@code from}. */
  public static String rowKeyFrom(String stock, LocalDate from) {
    return rowKey(stock, from);
  }

  /** The first row key after a stock's {@code to} (exclusive scan end). */
  public static String rowKeyAfter(String stock, LocalDate to) {
    return rowKey(stock, to.plusDays(1));
  }

  public static String documentId(String stock, LocalDate date) {
    return stock + "_" + BASIC.format(date);
  }

  /** The date of a row key. */
  public static LocalDate dateOfRowKey(String rowKey) {
    int hash = rowKey.lastIndexOf('#');
    if (hash < 0) {
      throw new IllegalArgumentException("not a prediction row key: " + rowKey);
    }
    return LocalDate.parse(rowKey.substring(hash + 1), BASIC);
  }

  /**
   * The symbol of a request in its one spelling ({@code MSFT.US} asks for {@code msft.us}).
   *
   * @throws IllegalArgumentException naming the rule when {@code stock} is not a symbol
   */
  public static String checkStock(String stock) {
    return Symbols.normalize(stock);
  }

  /** Whether a row key belongs to {@code stock}: what every scan checks of the rows it returns. */
  public static boolean isRowOf(String rowKey, String stock) {
    return rowKey.length() == stock.length() + 1 + DATE_LENGTH
        && rowKey.startsWith(stock)
        && rowKey.charAt(stock.length()) == '#';
  }
}
