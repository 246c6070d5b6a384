package io.stocklambda.core.synth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The series of a synthetic market, drawn from the seed: symbols, listing spans (the Kaggle
 * shape's, or the demo's mix of short histories, late listings and delistings), starting prices,
 * drift, volatility and volumes of stocks (a share of them penny stocks) and ETFs.
 */
final class ProfileDraw {

  private final SyntheticMarketConfig config;
  private final List<LocalDate> calendar;

  ProfileDraw(SyntheticMarketConfig config, List<LocalDate> calendar) {
    this.config = config;
    this.calendar = calendar;
  }

  /** Every series' profile, stocks then ETFs, each drawn from the seed. */
  List<StockProfile> profiles() {
    SplittableRandom random = new SplittableRandom(SyntheticMarket.mix(config.seed(), 17));
    Set<String> used = new HashSet<>();
    int days = calendar.size();
    List<StockProfile> out = new ArrayList<>(config.stocks() + config.etfs());
    for (int i = 0; i < config.stocks() + config.etfs(); i++) {
      boolean etf = i >= config.stocks();
      String symbol = uniqueSymbol(random, used, etf ? 3 : 2 + random.nextInt(3));
      if (config.shape() == MarketShape.KAGGLE) {
        int[] span = kaggleSpan(days, etf, random);
        out.add(
            etf
                ? etfProfile(symbol, span[0], span[1], random)
                : stockProfile(symbol, span[0], span[1], random));
      } else if (etf) {
        out.add(etfProfile(symbol, 0, days - 1, random));
      } else {
        out.add(stockProfile(symbol, days, random));
      }
    }
    return List.copyOf(out);
  }

  /**
   * First and last day of a series of the Kaggle shape: about 1 % of the stocks since the 1960s and
   * 1970s, 5.5 % since the 1980s and 1990s, 30 % (42 % of the ETFs) from the vendor's start in
   * 2005, the rest listed later, more of them in recent years (so some have only days), and a tenth
   * delisted before the end. Calibrated to the real set's 14.9 M stock and 2.55 M ETF rows.
   */
  private int[] kaggleSpan(int days, boolean etf, SplittableRandom random) {
    int vendor = Math.min(days - 1, firstIndexOnOrAfter(SyntheticMarket.VENDOR_START));
    double u = random.nextDouble();
    int first;
    if (!etf && u < 0.012) {
      first = random.nextInt(Math.max(1, days * 3 / 10)); // since 1962-1979
    } else if (!etf && u < 0.067) {
      first = days * 3 / 10 + random.nextInt(Math.max(1, vendor - days * 3 / 10)); // 1979-2005
    } else if (u < (etf ? 0.42 : 0.365)) {
      first = vendor;
    } else {
      // listed later, more often in recent years
      first = vendor + (int) ((days - vendor) * Math.sqrt(random.nextDouble()));
      first = Math.min(first, days - 1);
    }
    int last = days - 1;
    if (random.nextDouble() < 0.10) {
      last = first + random.nextInt(days - first); // delisted
    }
    return new int[] {first, last};
  }

  private int firstIndexOnOrAfter(LocalDate date) {
    int i = Collections.binarySearch(calendar, date);
    return i >= 0 ? i : -i - 1;
  }

  private StockProfile stockProfile(String symbol, int days, SplittableRandom random) {
    int first = 0;
    int last = days - 1;
    double shape = random.nextDouble();
    if (shape < 0.06) {
      // a short history: a few rows, sometimes fewer than one window
      int length = 1 + random.nextInt(Math.min(days, 40));
      first = random.nextInt(days - length + 1);
      last = first + length - 1;
    } else if (shape < 0.26) {
      first = random.nextInt(Math.max(1, days * 4 / 5)); // listed late
    } else if (shape < 0.36) {
      last = Math.max(0, days - 1 - random.nextInt(Math.max(1, days / 2))); // delisted
    }
    return stockProfile(symbol, first, last, random);
  }

  private StockProfile stockProfile(String symbol, int first, int last, SplittableRandom random) {
    boolean penny = random.nextDouble() < 0.12;
    double price =
        penny
            ? 0.05 + 0.85 * random.nextDouble()
            : Math.exp(Math.log(5) + random.nextDouble() * Math.log(60));
    double volatility =
        penny ? 0.04 + 0.05 * random.nextDouble() : 0.01 + 0.025 * random.nextDouble();
    return new StockProfile(
        symbol,
        false,
        first,
        last,
        roundPrice(price),
        0.0002 + 0.0004 * random.nextGaussian(),
        volatility,
        -0.12 + 0.14 * random.nextDouble(),
        Math.exp(Math.log(2_000) + random.nextDouble() * Math.log(5_000)),
        penny ? 0.01 : 0.002,
        penny ? 0.08 : 0.005);
  }

  private StockProfile etfProfile(String symbol, int first, int last, SplittableRandom random) {
    return new StockProfile(
        symbol,
        true,
        first,
        last,
        roundPrice(50 + 150 * random.nextDouble()),
        0.0003,
        0.008 + 0.004 * random.nextDouble(),
        -0.04 + 0.04 * random.nextDouble(),
        Math.exp(Math.log(1e6) + random.nextDouble() * Math.log(50)),
        0.0,
        0.0);
  }

  static String uniqueSymbol(SplittableRandom random, Set<String> used, int letters) {
    while (true) {
      StringBuilder s = new StringBuilder(letters + 3);
      for (int i = 0; i < letters; i++) {
        s.append((char) ('a' + random.nextInt(26)));
      }
      String symbol = s.append(".us").toString();
      if (used.add(symbol)) {
        return symbol;
      }
      letters = Math.min(letters + 1, 6);
    }
  }

  private static double roundPrice(double price) {
    return SeriesCursor.round(price, price < 1.0 ? 10_000 : 100);
  }
}
