package io.stocklambda.core.testing;

import io.stocklambda.core.tick.Tick;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Hand-made ticks for tests. */
public final class Ticks {

  private Ticks() {}

  public static Tick tick(String stock, String date, double close) {
    return Tick.ofClose(stock, LocalDate.parse(date), close);
  }

  public static Tick bar(
      String stock, String date, double open, double high, double low, double close, long volume) {
    return new Tick(stock, LocalDate.parse(date), open, high, low, close, volume);
  }

  /** Consecutive calendar days from {@code firstDate}, one per close. */
  public static List<Tick> series(String stock, String firstDate, double... closes) {
    List<Tick> ticks = new ArrayList<>(closes.length);
    LocalDate date = LocalDate.parse(firstDate);
    for (double close : closes) {
      ticks.add(Tick.ofClose(stock, date, close));
      date = date.plusDays(1);
    }
    return ticks;
  }
}
