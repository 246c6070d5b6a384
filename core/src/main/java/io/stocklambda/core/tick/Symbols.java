package io.stocklambda.core.tick;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one grammar and the one spelling of a stock symbol, applied wherever a symbol enters: a file
 * name, a {@code Stock} column, a JSON tick, an API path, a CLI option.
 *
 * <p>A symbol is what the Kaggle file names carry before {@code .txt}: a ticker and an exchange
 * suffix, such as {@code ibm.us}, {@code brk-b.us}, {@code bf.b.us} or {@code abr_a.us}. Formally
 * {@code [a-z0-9][a-z0-9._-]{0,31}} after normalisation, which lower-cases ASCII letters ({@code
 * MSFT.US} is {@code msft.us}; Kaggle's names are all lower case, so every source agrees on one
 * name). Everything else is refused where it enters, with the reason: a space, {@code #} (the HBase
 * row key's separator, so no valid symbol's rows can fall inside another's key range), markup,
 * control characters, a leading dot or dash, more than 32 characters.
 */
public final class Symbols {

  /** Longest symbol accepted, in characters; the longest Kaggle name is 10. */
  public static final int MAX_LENGTH = 32;

  /** A normalised symbol. */
  public static final Pattern GRAMMAR =
      Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

  private Symbols() {}

  /**
   * The symbol's one spelling: lower-cased, then checked against {@link #GRAMMAR}.
   *
   * @throws IllegalArgumentException naming the rule and quoting the input (escaped, at most 40
   *     characters) when it is not a symbol
   */
  public static String normalize(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw new IllegalArgumentException("missing stock");
    }
    // by hand rather than with GRAMMAR: every parsed row comes through here, and most are already
    // normalised
    int n = raw.length();
    boolean lower = true;
    boolean valid = n <= MAX_LENGTH;
    for (int i = 0; i < n && valid; i++) {
      char c = raw.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        lower = false;
      } else if (!(c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || i > 0 && (c == '.' || c == '-' || c == '_'))) {
        valid = false;
      }
    }
    if (!valid) {
      throw new IllegalArgumentException(
          "not a stock symbol: '"
              + quote(raw)
              + "' (expected a letter or digit, then up to "
              + (MAX_LENGTH - 1)
              + " letters, digits, '.', '-' or '_', like 'ibm.us' or 'brk-b.us')");
    }
    return lower ? raw : raw.toLowerCase(Locale.ROOT);
  }

  /** Whether {@code raw} names a stock once normalised. */
  public static boolean isValid(String raw) {
    try {
      normalize(raw);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A short, printable rendering of untrusted text for messages and logs. */
  static String quote(String raw) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(raw.length(), 40); i++) {
      char c = raw.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
        out.append(c);
      } else {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return raw.length() > 40 ? out + "..." : out.toString();
  }
}
