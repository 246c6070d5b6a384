package io.stocklambda.core.synth;

import io.stocklambda.core.csv.TickCsvFormat;
import io.stocklambda.core.tick.Tick;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded, deterministic market in the Kaggle format: the bundled data of the default run and of
 * every test that must pass without the real dataset.
 *
 * <p>Each series follows log returns with drift, GARCH-like volatility clustering and a mild
 * short-term reversal (so that there is something, though not much, to learn), and carries the
 * real data's quirks: late listings and delistings, histories shorter than a window, penny stocks
 * quoted to 1/100 of a cent, halted days missing from the file, days without a trade (unchanged
 * OHLC, zero volume), and zero-byte files. Every series depends only on the seed and its index.
 */
public final class SyntheticMarket {

  private final SyntheticMarketConfig config;
  private final List<LocalDate> calendar;
  private final List<StockProfile> profiles;

  public SyntheticMarket(SyntheticMarketConfig config) {
    this.config = config;
    this.calendar = MarketCalendar.tradingDays(config.start(), config.days());
    this.profiles = drawProfiles();
  }

  public List<StockProfile> profiles() {
    return profiles;
  }

  public List<LocalDate> calendar() {
    return calendar;
  }

  /** One series' ticks, in date order. */
  public List<Tick> series(StockProfile profile) {
    SplittableRandom random = new SplittableRandom(mix(config.seed(), profile.symbol().hashCode()));
    List<Tick> ticks = new ArrayList<>(profile.lastDay() - profile.firstDay() + 1);
    double close = profile.initialPrice();
    double lastReturn = 0;
    double longRunVariance = profile.volatility() * profile.volatility();
    double variance = longRunVariance;
    for (int day = profile.firstDay(); day <= profile.lastDay(); day++) {
      LocalDate date = calendar.get(day);
      if (day == profile.firstDay()) {
        ticks.add(new Tick(profile.symbol(), date, close, close, close, close, Math.round(profile.baseVolume())));
        continue;
      }
      double sigma = Math.sqrt(variance);
      double r = profile.drift() + profile.reversal() * lastReturn + sigma * random.nextGaussian();
      variance = longRunVariance * 0.04 + 0.08 * r * r + 0.88 * variance;
      boolean halted = random.nextDouble() < profile.haltRate();
      boolean still = random.nextDouble() < profile.stillRate();
      double previous = close;
      if (still) {
        // no trade: unchanged OHLC, little or no volume
        long volume = random.nextDouble() < 0.5 ? 0 : Math.round(profile.baseVolume() * 0.01 * (1 + random.nextDouble()));
        lastReturn = 0;
        if (!halted) {
          ticks.add(new Tick(profile.symbol(), date, previous, previous, previous, previous, volume));
        }
        continue;
      }
      int scale = previous < 1.0 ? 10_000 : 100;
      double minimum = 1.0 / scale;
      close = Math.max(minimum, round(previous * Math.exp(r), scale));
      lastReturn = Math.log(close / previous);
      double open = Math.max(minimum, round(previous * Math.exp(0.3 * sigma * random.nextGaussian()), scale));
      double high = round(Math.max(open, close) * Math.exp(Math.abs(0.5 * sigma * random.nextGaussian())), scale);
      double low = round(Math.min(open, close) * Math.exp(-Math.abs(0.5 * sigma * random.nextGaussian())), scale);
      high = Math.max(high, Math.max(open, close));
      low = Math.max(minimum, Math.min(low, Math.min(open, close)));
      long volume = Math.round(profile.baseVolume() * Math.exp(0.5 * random.nextGaussian()) * (1 + 20 * Math.abs(r)));
      if (!halted) {
        // a halted day is missing from the file; its move is not
        ticks.add(new Tick(profile.symbol(), date, open, high, low, close, volume));
      }
    }
    return ticks;
  }

  /** Writes {@code Stocks/} and {@code ETFs/} under {@code dir} and says what was written. */
  public GeneratedMarket write(Path dir) {
    Path stocks = dir.resolve("Stocks");
    Path etfs = dir.resolve("ETFs");
    long rows = 0;
    int stockFiles = 0;
    int etfFiles = 0;
    try {
      Files.createDirectories(stocks);
      if (config.etfs() > 0) {
        Files.createDirectories(etfs);
      }
      for (StockProfile profile : profiles) {
        List<Tick> ticks = series(profile);
        writeFile((profile.etf() ? etfs : stocks).resolve(profile.symbol() + ".txt"), ticks);
        rows += ticks.size();
        if (profile.etf()) {
          etfFiles++;
        } else {
          stockFiles++;
        }
      }
      for (String empty : emptySymbols()) {
        Files.write(stocks.resolve(empty + ".txt"), new byte[0]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the synthetic market to " + dir, e);
    }
    return new GeneratedMarket(dir, stockFiles, etfFiles, config.emptyFiles(), rows,
        calendar.get(0), calendar.get(calendar.size() - 1));
  }

  /** The Kaggle text of one series: header and CRLF lines. */
  public static void writeFile(Path file, List<Tick> ticks) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      out.write(TickCsvFormat.KAGGLE_HEADER);
      out.write(TickCsvFormat.EOL);
      StringBuilder line = new StringBuilder(64);
      for (Tick t : ticks) {
        line.setLength(0);
        out.append(TickCsvFormat.appendLine(line, t, false));
      }
    }
  }

  private List<StockProfile> drawProfiles() {
    SplittableRandom random = new SplittableRandom(mix(config.seed(), 17));
    Set<String> used = new HashSet<>();
    int days = calendar.size();
    List<StockProfile> out = new ArrayList<>(config.stocks() + config.etfs());
    for (int i = 0; i < config.stocks() + config.etfs(); i++) {
      boolean etf = i >= config.stocks();
      String symbol = uniqueSymbol(random, used, etf ? 3 : 2 + random.nextInt(3));
      out.add(etf ? etfProfile(symbol, days, random) : stockProfile(symbol, days, random));
    }
    return List.copyOf(out);
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
    boolean penny = random.nextDouble() < 0.12;
    double price = penny ? 0.05 + 0.85 * random.nextDouble() : Math.exp(Math.log(5) + random.nextDouble() * Math.log(60));
    double volatility = penny ? 0.04 + 0.05 * random.nextDouble() : 0.01 + 0.025 * random.nextDouble();
    return new StockProfile(symbol, false, first, last, roundPrice(price),
        0.0002 + 0.0004 * random.nextGaussian(),
        volatility,
        -0.12 + 0.14 * random.nextDouble(),
        Math.exp(Math.log(2_000) + random.nextDouble() * Math.log(5_000)),
        penny ? 0.01 : 0.002,
        penny ? 0.08 : 0.005);
  }

  private StockProfile etfProfile(String symbol, int days, SplittableRandom random) {
    return new StockProfile(symbol, true, 0, days - 1, roundPrice(50 + 150 * random.nextDouble()),
        0.0003, 0.008 + 0.004 * random.nextDouble(), -0.04 + 0.04 * random.nextDouble(),
        Math.exp(Math.log(1e6) + random.nextDouble() * Math.log(50)), 0.0, 0.0);
  }

  private List<String> emptySymbols() {
    SplittableRandom random = new SplittableRandom(mix(config.seed(), 29));
    Set<String> used = new HashSet<>();
    profiles.forEach(p -> used.add(p.symbol()));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < config.emptyFiles(); i++) {
      out.add(uniqueSymbol(random, used, 4));
    }
    return out;
  }

  private static String uniqueSymbol(SplittableRandom random, Set<String> used, int letters) {
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
    return round(price, price < 1.0 ? 10_000 : 100);
  }

  /** To the nearest 1/scale; dividing the integer by the scale gives exactly the double that parsing its text gives. */
  private static double round(double value, int scale) {
    return Math.round(value * scale) / (double) scale;
  }

  private static long mix(long seed, long salt) {
    long z = seed * 0x9E3779B97F4A7C15L + salt;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
