package io.stocklambda.core.dataset;

import io.stocklambda.core.tick.Symbols;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a backfill recomputes: the windows dated {@code from} to {@code to} (inclusive) of the given
 * stocks, or of every stock when {@code stocks} is empty. Stocks are the dataset's symbols ({@code
 * ibm.us}); a bare ticker ({@code IBM}) means its {@code .us} listing.
 */
public record BackfillScope(LocalDate from, LocalDate to, Set<String> stocks)
    implements Serializable {

  public BackfillScope {
    if (from == null || to == null) {
      throw new IllegalArgumentException("a backfill needs --from and --to");
    }
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("--from (" + from + ") is after --to (" + to + ")");
    }
    stocks = stocks.stream().map(Symbols::normalize).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Parses the command-line form.
   *
   * @param stocks comma-separated symbols, or null/blank for every stock
   */
  public static BackfillScope parse(String from, String to, String stocks) {
    Set<String> symbols = new TreeSet<>();
    if (stocks != null) {
      Arrays.stream(stocks.split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .map(BackfillScope::symbol)
          .forEach(symbols::add);
    }
    return new BackfillScope(date("--from", from), date("--to", to), symbols);
  }

  public boolean contains(String stock, LocalDate date) {
    return !date.isBefore(from)
        && !date.isAfter(to)
        && (stocks.isEmpty() || stocks.contains(stock));
  }

  public String describe() {
    return from
        + " to "
        + to
        + (stocks.isEmpty()
            ? ", every stock"
            : ", " + stocks.size() + " stock(s) " + String.join(",", stocks));
  }

  /**
   * @throws IllegalArgumentException when {@code text} is not a symbol ({@link Symbols})
   */
  static String symbol(String text) {
    String symbol = Symbols.normalize(text);
    return symbol.indexOf('.') < 0 ? Symbols.normalize(symbol + ".us") : symbol;
  }

  private static LocalDate date(String option, String text) {
    if (text == null) {
      throw new IllegalArgumentException("a backfill needs " + option);
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option + " must be a date like 2017-01-31, was '" + text + "'");
    }
  }
}
