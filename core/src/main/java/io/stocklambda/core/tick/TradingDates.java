package io.stocklambda.core.tick;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The one place that turns written dates into trading dates.
 *
 * <p>Accepts {@code yyyy-MM-dd} and ISO date-times with or without offset ({@code
 * 1962-01-02T00:00:00.000+01:00}, as in the thesis's merged {@code data.csv}). The trading date is
 * the local date as written: the offset is never applied, because the exchange day is what the file
 * meant, not an instant in UTC.
 */
public final class TradingDates {

  /** {@code yyyyMMdd}, the compact form used in row keys and document ids. */
  public static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

  private TradingDates() {}

  public static LocalDate parse(CharSequence text) {
    int n = text.length();
    if (n < 10) {
      throw new IllegalArgumentException("not a date: '" + text + "'");
    }
    if (n > 10 && !isTimeOfDay(text, 10)) {
      throw new IllegalArgumentException("not a date: '" + text + "'");
    }
    if (text.charAt(4) != '-' || text.charAt(7) != '-') {
      throw new IllegalArgumentException("not a date: '" + text + "'");
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    if (year < 0 || month < 0 || day < 0) {
      throw new IllegalArgumentException("not a date: '" + text + "'");
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("not a date: '" + text + "' (" + e.getMessage() + ")", e);
    }
  }

  /** {@code 20171110} for 2017-11-10. */
  public static String compact(LocalDate date) {
    return COMPACT.format(date);
  }

  /**
   * {@code Thh:mm[:ss[.f...]][Z|+hh:mm|-hh:mm]} from {@code at}; checked by hand because this runs
   * once per row of a merged file.
   */
  private static boolean isTimeOfDay(CharSequence text, int at) {
    int n = text.length();
    char sep = text.charAt(at);
    if ((sep != 'T' && sep != ' ') || n < at + 6) {
      return false;
    }
    int i = at + 1;
    if (digits(text, i, i + 2) < 0 || text.charAt(i + 2) != ':' || digits(text, i + 3, i + 5) < 0) {
      return false;
    }
    i += 5;
    if (i < n && text.charAt(i) == ':') {
      if (i + 3 > n || digits(text, i + 1, i + 3) < 0) {
        return false;
      }
      i += 3;
      if (i < n && text.charAt(i) == '.') {
        int start = ++i;
        while (i < n && Character.isDigit(text.charAt(i))) {
          i++;
        }
        if (i == start) {
          return false;
        }
      }
    }
    if (i == n) {
      return true;
    }
    char zone = text.charAt(i);
    if (zone == 'Z') {
      return i + 1 == n;
    }
    if (zone == '+' || zone == '-') {
      return i + 6 == n
          && digits(text, i + 1, i + 3) >= 0
          && text.charAt(i + 3) == ':'
          && digits(text, i + 4, i + 6) >= 0;
    }
    return false;
  }

  private static int digits(CharSequence text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
