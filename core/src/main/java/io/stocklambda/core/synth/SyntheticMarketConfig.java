package io.stocklambda.core.synth;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate.
 *
 * @param stocks     stock files with data (the empty files come on top)
 * @param days       trading days in the market calendar
 * @param seed       the same seed always gives byte-identical files
 * @param start      first calendar day; the first trading day is on or after it
 * @param etfs       ETF files (smooth, full-history series) under {@code ETFs/}
 * @param emptyFiles zero-byte stock files, as the real dataset has (32 of 7,195)
 */
public record SyntheticMarketConfig(int stocks, int days, long seed, LocalDate start, int etfs, int emptyFiles) {

  /** Ten years from 2005 by default, so the default training cutoff of 2010-01-01 splits it in two. */
  public static final LocalDate DEFAULT_START = LocalDate.of(2005, 1, 3);
  public static final int DEFAULT_STOCKS = 50;
  public static final int DEFAULT_DAYS = 2520;
  public static final long DEFAULT_SEED = 42L;

  public SyntheticMarketConfig {
    if (stocks < 0 || etfs < 0 || emptyFiles < 0) {
      throw new IllegalArgumentException("stocks, etfs and empty files must not be negative");
    }
    if (stocks + etfs == 0) {
      throw new IllegalArgumentException("nothing to generate: no stocks and no ETFs");
    }
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1, was " + days);
    }
    Objects.requireNonNull(start, "start");
    if (start.getDayOfWeek() == DayOfWeek.SATURDAY || start.getDayOfWeek() == DayOfWeek.SUNDAY) {
      start = start.with(java.time.temporal.TemporalAdjusters.next(DayOfWeek.MONDAY));
    }
  }

  public static SyntheticMarketConfig of(int stocks, int days, long seed) {
    return new SyntheticMarketConfig(stocks, days, seed, DEFAULT_START, 0, 0);
  }

  public static SyntheticMarketConfig defaults() {
    return new SyntheticMarketConfig(DEFAULT_STOCKS, DEFAULT_DAYS, DEFAULT_SEED, DEFAULT_START, 3, 1);
  }
}
