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

  /** {@code 2017-11-10,150.65,150.89,149.14,149.16,4306433,0} and, with the stock, {@code ,ibm.us}. */
  public static StringBuilder appendLine(StringBuilder out, Tick t, boolean withStock) {
    out.append(t.date()).append(',')
        .append(price(t.open())).append(',')
        .append(price(t.high())).append(',')
        .append(price(t.low())).append(',')
        .append(price(t.close())).append(',')
        .append(t.volume()).append(",0");
    if (withStock) {
      out.append(',').append(t.stock());
    }
    return out.append(EOL);
  }

  /** {@code 150.65}, {@code 77.2}, {@code 0.0021}, {@code 100}: the shortest text that reads back as the same price. */
  public static String price(double price) {
    String text = Double.toString(price);
    if (text.indexOf('E') < 0) {
      return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
    return BigDecimal.valueOf(price).stripTrailingZeros().toPlainString();
  }
}
