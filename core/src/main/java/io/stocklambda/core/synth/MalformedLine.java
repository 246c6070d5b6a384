package io.stocklambda.core.synth;

import java.time.LocalDate;

/**
 * A data line a generated market writes malformed on purpose, where a tick would be.
 *
 * @param file the file, relative to the market's directory (or the merged file's name)
 * @param lineNumber 1-based, the header being line 1
 * @param stock the series it belongs to
 * @param date the date of the tick it replaces
 */
public record MalformedLine(String file, long lineNumber, String stock, LocalDate date, Kind kind) {

  /** The two faults of the real dataset. */
  public enum Kind {
    /** The low written as {@code -1}. */
    NEGATIVE_LOW,
    /** The volume field left out. */
    MISSING_FIELD;

    /**
     * The tick's CSV line ({@code date,open,high,low,close,volume,openInt[,stock]\r\n}) with this
     * fault.
     */
    CharSequence corrupt(StringBuilder line) {
      String[] fields = line.toString().split(",", -1);
      StringBuilder out = new StringBuilder(line.length());
      for (int i = 0; i < fields.length; i++) {
        if (this == MISSING_FIELD && i == 5) {
          continue;
        }
        if (out.length() > 0) {
          out.append(',');
        }
        out.append(this == NEGATIVE_LOW && i == 3 ? "-1" : fields[i]);
      }
      return out;
    }
  }

  public String describe() {
    return file
        + ":"
        + lineNumber
        + " ("
        + stock
        + " "
        + date
        + ", "
        + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
        + ")";
  }
}
