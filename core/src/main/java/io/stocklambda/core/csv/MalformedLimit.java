package io.stocklambda.core.csv;

import java.util.Locale;

/**
 * How many malformed lines an input may hold and still be taken: a count ({@code 100}) or a share
 * of its data lines ({@code 0.1%}). Below it, malformed lines are reported with file and line,
 * counted and skipped; above it, the input is refused as a whole. In the spirit of BigQuery's
 * {@code max_bad_records} and Spark's permissive CSV mode: real data has a few bad lines (the
 * Kaggle set has 2 in 17.45 M), and one of them must not cost the other 17 M, while a file that is
 * mostly garbage is a wrong input, not data.
 *
 * @param lines the most malformed lines taken, or -1 when the limit is a share
 * @param share the largest share of data lines (0 to 1) that may be malformed, or -1 when the limit
 *     is a count
 */
public record MalformedLimit(long lines, double share) {

  /** One malformed line in a thousand data lines: the Kaggle set is 10,000 times below it. */
  public static final MalformedLimit DEFAULT = new MalformedLimit(-1, 0.001);

  /** No malformed line at all. */
  public static final MalformedLimit NONE = new MalformedLimit(0, -1);

  public MalformedLimit {
    if ((lines < 0) == (share < 0)) {
      throw new IllegalArgumentException("a malformed-line limit is a count or a share, not both");
    }
    if (share > 1 || Double.isNaN(share)) {
      throw new IllegalArgumentException(
          "a malformed-line share must be in 0% to 100%, was " + share * 100 + "%");
    }
  }

  /**
   * Parses {@code 250} (lines) or {@code 0.1%} (of data lines).
   *
   * @throws IllegalArgumentException naming the form expected
   */
  public static MalformedLimit parse(String text) {
    String t = text.strip();
    try {
      if (t.endsWith("%")) {
        double percent = Double.parseDouble(t.substring(0, t.length() - 1).strip());
        if (!(percent >= 0 && percent <= 100)) {
          throw new NumberFormatException();
        }
        return new MalformedLimit(-1, percent / 100);
      }
      long lines = Long.parseLong(t);
      if (lines < 0) {
        throw new NumberFormatException();
      }
      return new MalformedLimit(lines, -1);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a malformed-line limit is a count of lines (e.g. 100) or a share of data lines "
              + "(e.g. 0.1%), was '"
              + text
              + "'");
    }
  }

  /**
   * Whether {@code malformed} bad lines among {@code dataLines} lines (malformed ones included) are
   * more than this limit takes.
   */
  public boolean exceededBy(long malformed, long dataLines) {
    if (malformed == 0) {
      return false;
    }
    return lines >= 0 ? malformed > lines : malformed > share * dataLines;
  }

  /** {@code 0.1%} or {@code 100}, as {@link #parse} reads it. */
  public String text() {
    if (lines >= 0) {
      return Long.toString(lines);
    }
    String percent =
        String.format(Locale.ROOT, "%.6f", share * 100)
            .replaceAll("0+$", "")
            .replaceAll("\\.$", "");
    return percent + "%";
  }

  /** For messages: {@code 0.1% of the data lines} or {@code 100 lines}. */
  public String describe() {
    return lines >= 0 ? lines + " malformed line(s)" : text() + " of the data lines";
  }
}
