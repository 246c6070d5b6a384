package io.stocklambda.core.synth;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate.
 *
 * @param stocks stock files with data (the empty files come on top)
 * @param days trading days in the market calendar
 * @param seed the same seed always gives byte-identical files
 * @param start first calendar day; the first trading day is on or after it
 * @param etfs ETF files under {@code ETFs/}
 * @param emptyFiles zero-byte stock files, as the real dataset has (32 of 7,195)
 * @param shape how listings and delistings spread over the calendar
 * @param malformedLines data lines written malformed (alternately a negative low and a missing
 *     field), each in another file; the real dataset has 2 in 17.45 M rows
 */
public record SyntheticMarketConfig(
    int stocks,
    int days,
    long seed,
    LocalDate start,
    int etfs,
    int emptyFiles,
    MarketShape shape,
    int malformedLines) {

  /**
   * Ten years from 2005 by default, so the default training cutoff of 2010-01-01 splits it in two.
   */
  public static final LocalDate DEFAULT_START = LocalDate.of(2005, 1, 3);

  public static final int DEFAULT_STOCKS = 50;
  public static final int DEFAULT_DAYS = 2520;
  public static final long DEFAULT_SEED = 42L;

  /** The Kaggle dataset's calendar: its first and last dates. */
  public static final LocalDate KAGGLE_START = LocalDate.of(1962, 1, 2);

  public static final LocalDate KAGGLE_END = LocalDate.of(2017, 11, 10);

  /** The Kaggle dataset's files: stock files with data, empty stock files, ETF files. */
  public static final int KAGGLE_STOCKS = 7_163;

  public static final int KAGGLE_EMPTY_FILES = 32;
  public static final int KAGGLE_ETFS = 1_344;
  public static final int KAGGLE_MALFORMED_LINES = 2;

  public SyntheticMarketConfig {
    if (stocks < 0 || etfs < 0 || emptyFiles < 0 || malformedLines < 0) {
      throw new IllegalArgumentException(
          "stocks, ETFs, empty files and malformed lines must not be negative");
    }
    if (stocks + etfs == 0) {
      throw new IllegalArgumentException("nothing to generate: no stocks and no ETFs");
    }
    if (malformedLines > stocks + etfs) {
      throw new IllegalArgumentException(
          "at most one malformed line per file: "
              + malformedLines
              + " for "
              + (stocks + etfs)
              + " files");
    }
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1, was " + days);
    }
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(shape, "shape");
    if (start.getDayOfWeek() == DayOfWeek.SATURDAY || start.getDayOfWeek() == DayOfWeek.SUNDAY) {
      start = start.with(java.time.temporal.TemporalAdjusters.next(DayOfWeek.MONDAY));
    }
  }

  /** A compact market without malformed lines. */
  public SyntheticMarketConfig(
      int stocks, int days, long seed, LocalDate start, int etfs, int emptyFiles) {
    this(stocks, days, seed, start, etfs, emptyFiles, MarketShape.COMPACT, 0);
  }

  public static SyntheticMarketConfig of(int stocks, int days, long seed) {
    return new SyntheticMarketConfig(stocks, days, seed, DEFAULT_START, 0, 0);
  }

  public static SyntheticMarketConfig defaults() {
    return new SyntheticMarketConfig(
        DEFAULT_STOCKS, DEFAULT_DAYS, DEFAULT_SEED, DEFAULT_START, 3, 1);
  }

  /**
   * The Kaggle dataset's shape at a scale: {@code scale} 1 gives its 7,163 stock files with data,
   * 32 empty ones and 1,344 ETF files over its whole calendar (about 17 M rows); 0.1 a tenth of the
   * files over the same calendar. Always the real set's two malformed lines.
   *
   * @throws IllegalArgumentException unless {@code 0 < scale <= 1}
   */
  public static SyntheticMarketConfig kaggle(double scale, long seed) {
    if (!(scale > 0 && scale <= 1)) {
      throw new IllegalArgumentException("scale must be in (0, 1], was " + scale);
    }
    int stocks = Math.max(1, (int) Math.round(KAGGLE_STOCKS * scale));
    int etfs = (int) Math.round(KAGGLE_ETFS * scale);
    int empty = Math.max(1, (int) Math.round(KAGGLE_EMPTY_FILES * scale));
    int days = MarketCalendar.countTradingDays(KAGGLE_START, KAGGLE_END);
    return new SyntheticMarketConfig(
        stocks,
        days,
        seed,
        KAGGLE_START,
        etfs,
        empty,
        MarketShape.KAGGLE,
        Math.min(KAGGLE_MALFORMED_LINES, stocks + etfs));
  }
}
