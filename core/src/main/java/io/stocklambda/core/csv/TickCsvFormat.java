package io.stocklambda.core.csv;

import io.stocklambda.core.tick.Tick;
import java.math.BigDecimal;

/**
 * Writes ticks as CSV lines that {@link TickCsv} reads back to equal ticks: the Kaggle per-stock
 * layout, or the merged layout with a {@code Stock} column (the thesis's {@code data.csv}, and the
 * archive of the stream). Lines end with {@code \r\n}, as the Kaggle files do.
 */
public final class TickCsvFormat {

  public static final String KAGGLE_HEADER = "Date,Open,High,Low,Close,Volume,OpenInt";
  public static final String MERGED_HEADER = "Date,Open,High,Low,Close,Volume,OpenInt,Stock";
  public static final String EOL = "\r\n";

  private TickCsvFormat() {}

  /**
   * {@code 2017-11-10,150.65,150.89,149.14,149.16,4306433,0} and, with the stock, {@code ,ibm.us}.
   */
  public static StringBuilder appendLine(StringBuilder out, Tick t, boolean withStock) {
    out.append(t.date())
        .append(',')
        .append(price(t.open()))
        .append(',')
        .append(price(t.high()))
        .append(',')
        .append(price(t.low()))
        .append(',')
        .append(price(t.close()))
        .append(',')
        .append(t.volume())
        .append(",0");
    if (withStock) {
      out.append(',').append(t.stock());
    }
    return out.append(EOL);
  }

  /**
   * {@code 150.65}, {@code 77.2}, {@code 0.0021}, {@code 100}: the shortest text that reads back as
   * the same price.
   */
  public static String price(double price) {
    String decimal = shortDecimal(price);
    if (decimal != null) {
      return decimal;
    }
    String text = Double.toString(price);
    if (text.indexOf('E') < 0) {
      return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
    return BigDecimal.valueOf(price).stripTrailingZeros().toPlainString();
  }

  /** Powers of ten up to the most decimals {@link #shortDecimal} tries. */
  private static final double[] SCALES = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};

  /**
   * The price as {@code k / 10^d} with the fewest decimals {@code d <= 6} that gives back exactly
   * this double, or null if there is none (or the price is too large for the exact test). Quotes to
   * the cent or to 1/100 of a cent take this path, which is several times cheaper than {@link
   * Double#toString}: the decimal it writes is the one whose nearest double is {@code price}, since
   * {@code k / 10^d} is correctly rounded, and no shorter one exists, or a smaller {@code d} would
   * have matched.
   */
  private static String shortDecimal(double price) {
    if (!(price >= 0 && price < 1e9)) {
      return null;
    }
    for (int d = 0; d < SCALES.length; d++) {
      long units = Math.round(price * SCALES[d]);
      if (units / SCALES[d] == price) {
        return withDecimals(units, d);
      }
    }
    return null;
  }

  private static String withDecimals(long units, int decimals) {
    String digits = Long.toString(units);
    if (decimals == 0) {
      return digits;
    }
    if (digits.length() <= decimals) {
      return "0." + "0".repeat(decimals - digits.length()) + digits;
    }
    int point = digits.length() - decimals;
    return digits.substring(0, point) + '.' + digits.substring(point);
  }
}
