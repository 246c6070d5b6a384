package io.stocklambda.core.synth;

import io.stocklambda.core.csv.TickCsvFormat;
import io.stocklambda.core.tick.Tick;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A seeded, deterministic market in the Kaggle format: the bundled data of the default run, of
 * every test that must pass without the real dataset, and (with {@link MarketShape#KAGGLE}) the
 * full-size stand-in for the real dataset in benchmarks.
 *
 * <p>Each series follows log returns with drift, GARCH-like volatility clustering and a mild
 * short-term reversal (so that there is something, though not much, to learn), and carries the real
 * data's quirks: late listings and delistings, histories shorter than a window, penny stocks quoted
 * to 1/100 of a cent, halted days missing from the file, days without a trade (unchanged OHLC, zero
 * volume), zero-byte files and, where configured, malformed lines. Every series depends only on the
 * seed and its symbol, so files are written in parallel and still byte-identical.
 */
public final class SyntheticMarket {

  /** The first day of most files of the Kaggle set: the data vendor's history starts there. */
  static final LocalDate VENDOR_START = LocalDate.of(2005, 2, 25);

  /** The data row (0-based) of a file that is written malformed, when it has that many. */
  private static final int MALFORMED_ROW = 10;

  private final SyntheticMarketConfig config;
  private final List<LocalDate> calendar;
  private final List<StockProfile> profiles;
  private final Map<String, MalformedLine.Kind> malformed;

  public SyntheticMarket(SyntheticMarketConfig config) {
    this.config = config;
    this.calendar = MarketCalendar.tradingDays(config.start(), config.days());
    this.profiles = new ProfileDraw(config, calendar).profiles();
    this.malformed = drawMalformed();
  }

  public List<StockProfile> profiles() {
    return profiles;
  }

  public List<LocalDate> calendar() {
    return calendar;
  }

  /**
   * One series' ticks, in date order, as generated (a malformed line replaces one of them in the
   * files).
   */
  public List<Tick> series(StockProfile profile) {
    SeriesCursor cursor = cursor(profile);
    List<Tick> ticks = new ArrayList<>(profile.lastDay() - profile.firstDay() + 1);
    while (cursor.peek() != null) {
      ticks.add(cursor.next());
    }
    return ticks;
  }

  /**
   * Writes {@code Stocks/} and {@code ETFs/} under {@code dir}, one Kaggle file per series (header,
   * CRLF lines), files in parallel, and says what was written.
   */
  public GeneratedMarket write(Path dir) {
    Path stocks = dir.resolve("Stocks");
    Path etfs = dir.resolve("ETFs");
    try {
      Files.createDirectories(stocks);
      if (config.etfs() > 0) {
        Files.createDirectories(etfs);
      }
      for (String empty : emptySymbols()) {
        Files.write(stocks.resolve(empty + ".txt"), new byte[0]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the synthetic market to " + dir, e);
    }
    List<FileWritten> files =
        IntStream.range(0, profiles.size())
            .parallel()
            .mapToObj(
                i -> {
                  StockProfile p = profiles.get(i);
                  Path file = (p.etf() ? etfs : stocks).resolve(p.symbol() + ".txt");
                  return writeFile(file, dir.relativize(file).toString(), p);
                })
            .toList();
    return summary(dir, files);
  }

  /**
   * Writes the whole market as one merged file in the thesis's layout ({@code
   * Date,Open,High,Low,Close,Volume,OpenInt,Stock}, CRLF lines) in global (date, stock) order, in
   * constant memory: every series advances one trading day at a time.
   */
  public GeneratedMarket writeMerged(Path file) {
    List<SeriesCursor> cursors = new ArrayList<>(profiles.size());
    profiles.stream()
        .sorted(Comparator.comparing(StockProfile::symbol))
        .forEach(p -> cursors.add(cursor(p)));
    Map<String, Integer> rowOf = new HashMap<>();
    List<MalformedLine> bad = new ArrayList<>();
    long rows = 0;
    long lineNumber = 1;
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
        out.write(TickCsvFormat.MERGED_HEADER);
        out.write(TickCsvFormat.EOL);
        StringBuilder line = new StringBuilder(96);
        for (int day = 0; day < calendar.size(); day++) {
          LocalDate date = calendar.get(day);
          for (SeriesCursor cursor : cursors) {
            StockProfile p = cursor.profile();
            if (day < p.firstDay()
                || day > p.lastDay()
                || cursor.peek() == null
                || !cursor.peek().date().equals(date)) {
              continue;
            }
            Tick tick = cursor.next();
            int row = rowOf.merge(p.symbol(), 1, Integer::sum) - 1;
            lineNumber++;
            line.setLength(0);
            MalformedLine.Kind kind = row == MALFORMED_ROW ? malformed.get(p.symbol()) : null;
            if (kind != null) {
              out.append(kind.corrupt(TickCsvFormat.appendLine(line, tick, true)));
              bad.add(
                  new MalformedLine(
                      file.getFileName().toString(), lineNumber, tick.stock(), tick.date(), kind));
            } else {
              out.append(TickCsvFormat.appendLine(line, tick, true));
              rows++;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the merged market to " + file, e);
    }
    int stockFiles = (int) profiles.stream().filter(p -> !p.etf()).count();
    return new GeneratedMarket(
        file,
        stockFiles,
        profiles.size() - stockFiles,
        0,
        rows,
        bad,
        calendar.get(0),
        calendar.get(calendar.size() - 1));
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

  private record FileWritten(boolean etf, long rows, MalformedLine malformed) {}

  private FileWritten writeFile(Path file, String relative, StockProfile profile) {
    SeriesCursor cursor = cursor(profile);
    MalformedLine.Kind kind = malformed.get(profile.symbol());
    MalformedLine bad = null;
    long rows = 0;
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      out.write(TickCsvFormat.KAGGLE_HEADER);
      out.write(TickCsvFormat.EOL);
      StringBuilder line = new StringBuilder(64);
      for (int row = 0; cursor.peek() != null; row++) {
        Tick tick = cursor.next();
        line.setLength(0);
        TickCsvFormat.appendLine(line, tick, false);
        if (kind != null && row == MALFORMED_ROW) {
          out.append(kind.corrupt(line));
          bad = new MalformedLine(relative, row + 2L, tick.stock(), tick.date(), kind);
        } else {
          out.append(line);
          rows++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return new FileWritten(profile.etf(), rows, bad);
  }

  private GeneratedMarket summary(Path dir, List<FileWritten> files) {
    long rows = files.stream().mapToLong(FileWritten::rows).sum();
    int etfFiles = (int) files.stream().filter(FileWritten::etf).count();
    List<MalformedLine> bad =
        files.stream().map(FileWritten::malformed).filter(m -> m != null).toList();
    return new GeneratedMarket(
        dir,
        files.size() - etfFiles,
        etfFiles,
        config.emptyFiles(),
        rows,
        bad,
        calendar.get(0),
        calendar.get(calendar.size() - 1));
  }

  private SeriesCursor cursor(StockProfile profile) {
    return new SeriesCursor(profile, calendar, mix(config.seed(), profile.symbol().hashCode()));
  }

  private List<String> emptySymbols() {
    SplittableRandom random = new SplittableRandom(mix(config.seed(), 29));
    Set<String> used = new HashSet<>();
    profiles.forEach(p -> used.add(p.symbol()));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < config.emptyFiles(); i++) {
      out.add(ProfileDraw.uniqueSymbol(random, used, 4));
    }
    return out;
  }

  /**
   * Which series carry a malformed line, and which kind: series long enough to hold it, drawn from
   * the seed.
   */
  private Map<String, MalformedLine.Kind> drawMalformed() {
    if (config.malformedLines() == 0) {
      return Map.of();
    }
    List<StockProfile> candidates =
        new ArrayList<>(
            profiles.stream()
                .filter(p -> p.lastDay() - p.firstDay() >= 4 * MALFORMED_ROW)
                .toList());
    SplittableRandom random = new SplittableRandom(mix(config.seed(), 31));
    Map<String, MalformedLine.Kind> out = new HashMap<>();
    MalformedLine.Kind[] kinds = MalformedLine.Kind.values();
    for (int i = 0; i < config.malformedLines() && !candidates.isEmpty(); i++) {
      StockProfile p = candidates.remove(random.nextInt(candidates.size()));
      out.put(p.symbol(), kinds[i % kinds.length]);
    }
    return Map.copyOf(out);
  }

  static long mix(long seed, long salt) {
    long z = seed * 0x9E3779B97F4A7C15L + salt;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
