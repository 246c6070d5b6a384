package io.stocklambda.core.synth;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;

/** Trading days: weekdays, without New Year's Day, Independence Day and Christmas. */
final class MarketCalendar {

  private MarketCalendar() {}

  static List<LocalDate> tradingDays(LocalDate start, int count) {
    List<LocalDate> days = new ArrayList<>(count);
    LocalDate day = start;
    while (days.size() < count) {
      if (isTradingDay(day)) {
        days.add(day);
      }
      day = day.plusDays(1);
    }
    return days;
  }

  /** Trading days from {@code first} to {@code last}, both included. */
  static int countTradingDays(LocalDate first, LocalDate last) {
    int count = 0;
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      if (isTradingDay(day)) {
        count++;
      }
    }
    return count;
  }

  static boolean isTradingDay(LocalDate day) {
    DayOfWeek dow = day.getDayOfWeek();
    if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
      return false;
    }
    return !(day.getMonth() == Month.JANUARY && day.getDayOfMonth() == 1)
        && !(day.getMonth() == Month.JULY && day.getDayOfMonth() == 4)
        && !(day.getMonth() == Month.DECEMBER && day.getDayOfMonth() == 25);
  }
}
