package io.stocklambda.core.csv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where each column of a tick CSV sits, read from its header.
 *
 * <p>The Kaggle files have {@code Date,Open,High,Low,Close,Volume,OpenInt}; the thesis's merged
 * {@code data.csv} has the same columns plus {@code Stock}. Columns are found by name
 * (case-insensitive, in any order), so extra columns such as an index are ignored. {@code OpenInt}
 * is optional; {@code stock < 0} means the symbol comes from the file name.
 */
public record ColumnLayout(
    int fieldCount, int date, int open, int high, int low, int close, int volume, int stock) {

  /** The Kaggle per-stock layout, assumed for a file that has no header line. */
  public static final ColumnLayout KAGGLE = new ColumnLayout(7, 0, 1, 2, 3, 4, 5, -1);

  /** Whether this line looks like a header rather than data: its first field is not a date. */
  static boolean isHeader(String line) {
    String first = CsvFields.unquote(firstField(line)).toLowerCase(Locale.ROOT);
    return !first.isEmpty() && !Character.isDigit(first.charAt(0));
  }

  /** Reads the layout from a header line, or explains which columns are missing. */
  static ColumnLayout fromHeader(String header) {
    List<String> names = new ArrayList<>();
    for (String field : header.split(",", -1)) {
      names.add(CsvFields.unquote(field).toLowerCase(Locale.ROOT));
    }
    List<String> missing = new ArrayList<>();
    int date = find(names, "date", missing);
    int open = find(names, "open", missing);
    int high = find(names, "high", missing);
    int low = find(names, "low", missing);
    int close = find(names, "close", missing);
    int volume = find(names, "volume", missing);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "header lacks column(s) "
              + missing
              + "; expected Date,Open,High,Low,Close,Volume[,OpenInt][,Stock], found '"
              + header
              + "'");
    }
    int stock = names.indexOf("stock");
    return new ColumnLayout(names.size(), date, open, high, low, close, volume, stock);
  }

  public boolean hasStockColumn() {
    return stock >= 0;
  }

  private static int find(List<String> names, String name, List<String> missing) {
    int index = names.indexOf(name);
    if (index < 0) {
      missing.add(name);
    }
    return index;
  }

  private static String firstField(String line) {
    int comma = line.indexOf(',');
    String first = comma < 0 ? line : line.substring(0, comma);
    return first.startsWith("\uFEFF") ? first.substring(1) : first;
  }
}
