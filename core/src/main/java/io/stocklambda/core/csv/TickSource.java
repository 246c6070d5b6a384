package io.stocklambda.core.csv;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * One CSV file of ticks. Its symbol comes from the file name ({@code ibm.us.txt} is {@code ibm.us})
 * unless the file has a {@code Stock} column, as a merged {@code data.csv} does.
 */
public record TickSource(Path path, String symbol) {

  public TickSource {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(symbol, "symbol");
  }

  public static TickSource of(Path path) {
    return new TickSource(path, symbolOf(path));
  }

  /** {@code ibm.us.txt -> ibm.us}; a name without a known extension is kept whole. */
  public static String symbolOf(Path path) {
    String name = path.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".txt") || lower.endsWith(".csv")) {
      return name.substring(0, name.length() - 4);
    }
    return name;
  }
}
