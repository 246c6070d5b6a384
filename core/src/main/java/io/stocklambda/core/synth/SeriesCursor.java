package io.stocklambda.core.synth;

import io.stocklambda.core.tick.Tick;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The ticks of one synthetic series, generated one trading day at a time in date order, so that a
 * whole market can be written file by file or merged by date in constant memory.
 *
 * <p>Log returns with drift, GARCH-like volatility clustering and a mild short-term reversal;
 * halted days are missing from the file (their move is not), days without a trade repeat the close
 * with little or no volume. Prices are quoted to the cent, or to 1/100 of a cent below 1.
 */
final class SeriesCursor {

  private final StockProfile profile;
  private final List<LocalDate> calendar;
  private final SplittableRandom random;
  private final double longRunVariance;
  private int day;
  private double close;
  private double lastReturn;
  private double variance;
  private Tick next;

  SeriesCursor(StockProfile profile, List<LocalDate> calendar, long seed) {
    this.profile = profile;
    this.calendar = calendar;
    this.random = new SplittableRandom(seed);
    this.longRunVariance = profile.volatility() * profile.volatility();
    this.variance = longRunVariance;
    this.close = profile.initialPrice();
    this.day = profile.firstDay();
    this.next = advance();
  }

  StockProfile profile() {
    return profile;
  }

  /** The next tick without consuming it, or null when the series has ended. */
  Tick peek() {
    return next;
  }

  Tick next() {
    if (next == null) {
      throw new NoSuchElementException(profile.symbol());
    }
    Tick tick = next;
    next = advance();
    return tick;
  }

  private Tick advance() {
    while (day <= profile.lastDay()) {
      Tick tick = step(day++);
      if (tick != null) {
        return tick;
      }
    }
    return null;
  }

  /** One trading day of the series: its tick, or null for a halted day. */
  private Tick step(int index) {
    LocalDate date = calendar.get(index);
    if (index == profile.firstDay()) {
      return new Tick(
          profile.symbol(), date, close, close, close, close, Math.round(profile.baseVolume()));
    }
    double sigma = Math.sqrt(variance);
    double r = profile.drift() + profile.reversal() * lastReturn + sigma * random.nextGaussian();
    variance = longRunVariance * 0.04 + 0.08 * r * r + 0.88 * variance;
    boolean halted = random.nextDouble() < profile.haltRate();
    boolean still = random.nextDouble() < profile.stillRate();
    double previous = close;
    if (still) {
      // no trade: unchanged OHLC, little or no volume
      long volume =
          random.nextDouble() < 0.5
              ? 0
              : Math.round(profile.baseVolume() * 0.01 * (1 + random.nextDouble()));
      lastReturn = 0;
      return halted
          ? null
          : new Tick(profile.symbol(), date, previous, previous, previous, previous, volume);
    }
    int scale = previous < 1.0 ? 10_000 : 100;
    double minimum = 1.0 / scale;
    close = Math.max(minimum, round(previous * Math.exp(r), scale));
    lastReturn = Math.log(close / previous);
    double open =
        Math.max(minimum, round(previous * Math.exp(0.3 * sigma * random.nextGaussian()), scale));
    double high =
        round(
            Math.max(open, close) * Math.exp(Math.abs(0.5 * sigma * random.nextGaussian())), scale);
    double low =
        round(
            Math.min(open, close) * Math.exp(-Math.abs(0.5 * sigma * random.nextGaussian())),
            scale);
    high = Math.max(high, Math.max(open, close));
    low = Math.max(minimum, Math.min(low, Math.min(open, close)));
    long volume =
        Math.round(
            profile.baseVolume() * Math.exp(0.5 * random.nextGaussian()) * (1 + 20 * Math.abs(r)));
    // a halted day is missing from the file; its move is not
    return halted ? null : new Tick(profile.symbol(), date, open, high, low, close, volume);
  }

  /**
   * To the nearest 1/scale; dividing the integer by the scale gives exactly the double that parsing
   * its text gives.
   */
  static double round(double value, int scale) {
    return Math.round(value * scale) / (double) scale;
  }
}
