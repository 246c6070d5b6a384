package io.stocklambda.core.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.csv.TickReader;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.tick.Tick;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticMarketTest {

  private static final SyntheticMarketConfig CONFIG =
      new SyntheticMarketConfig(60, 600, 42L, SyntheticMarketConfig.DEFAULT_START, 2, 2);

  @TempDir Path dir;

  @Test
  void theSameSeedWritesByteIdenticalFiles() throws IOException {
    new SyntheticMarket(CONFIG).write(dir.resolve("a"));
    new SyntheticMarket(CONFIG).write(dir.resolve("b"));

    Map<String, byte[]> a = contents(dir.resolve("a"));
    Map<String, byte[]> b = contents(dir.resolve("b"));
    assertThat(a).hasSize(64).containsOnlyKeys(b.keySet());
    a.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(b.get(name)));
  }

  @Test
  void anotherSeedWritesAnotherMarket() {
    SyntheticMarket one = new SyntheticMarket(CONFIG);
    SyntheticMarket two =
        new SyntheticMarket(new SyntheticMarketConfig(60, 600, 43L, CONFIG.start(), 2, 2));
    assertThat(one.profiles()).isNotEqualTo(two.profiles());
  }

  @Test
  void filesAreInTheKaggleFormatAndParseBackToTheSameTicks() throws IOException {
    SyntheticMarket market = new SyntheticMarket(CONFIG);
    GeneratedMarket generated = market.write(dir);
    StockProfile first = market.profiles().get(0);

    List<String> lines = Files.readAllLines(dir.resolve("Stocks").resolve(first.symbol() + ".txt"));
    assertThat(lines.get(0)).isEqualTo("Date,Open,High,Low,Close,Volume,OpenInt");
    assertThat(Files.readString(dir.resolve("Stocks").resolve(first.symbol() + ".txt")))
        .contains("\r\n");

    ParseReport report = new ParseReport();
    List<Tick> parsed = new ArrayList<>();
    for (TickSource source : TickCsv.discover(dir)) {
      try (TickReader reader = TickCsv.read(source, MalformedLinePolicy.FAIL, report)) {
        reader.forEachRemaining(parsed::add);
      }
    }
    List<Tick> expected = new ArrayList<>();
    market.profiles().forEach(p -> expected.addAll(market.series(p)));
    Comparator<Tick> order = Comparator.comparing(Tick::stock).thenComparing(Tick::date);
    parsed.sort(order);
    expected.sort(order);
    assertThat(parsed).isEqualTo(expected);
    assertThat(report.rows()).isEqualTo(generated.rows());
    assertThat(report.emptyFiles()).hasSize(2);
    assertThat(generated.stockFiles()).isEqualTo(60);
    assertThat(generated.etfFiles()).isEqualTo(2);
  }

  @Test
  void theMarketHasTheRealDatasetsQuirks() {
    SyntheticMarket market = new SyntheticMarket(CONFIG);
    int days = market.calendar().size();
    List<List<Tick>> all = market.profiles().stream().map(market::series).toList();

    assertThat(market.calendar())
        .allSatisfy(
            d -> assertThat(d.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
    assertThat(all)
        .as("histories shorter than a window")
        .anySatisfy(s -> assertThat(s.size()).isLessThan(5));
    assertThat(all)
        .as("late listings")
        .anySatisfy(s -> assertThat(s.get(0).date()).isAfter(market.calendar().get(0)));
    assertThat(market.profiles())
        .as("penny stocks")
        .anySatisfy(p -> assertThat(p.isPenny()).isTrue());
    assertThat(all)
        .as("halted days missing from a file")
        .anySatisfy(s -> assertThat(s.size()).isLessThan(spanInCalendar(market, s)));
    assertThat(all.stream().flatMap(List::stream))
        .as("prices quoted to 1/100 of a cent")
        .anySatisfy(t -> assertThat(t.close()).isLessThan(1.0));
    long unchanged = all.stream().mapToLong(SyntheticMarketTest::unchangedCloses).sum();
    long total = all.stream().mapToLong(List::size).sum();
    assertThat(unchanged).as("unchanged closes").isBetween(total / 500, total / 10);
    assertThat(days).isEqualTo(600);
  }

  @Test
  void everySeriesIsValidAndDateOrdered() {
    SyntheticMarket market = new SyntheticMarket(CONFIG);
    for (StockProfile profile : market.profiles()) {
      LocalDate previous = null;
      for (Tick t : market.series(profile)) {
        assertThat(t.low()).isLessThanOrEqualTo(Math.min(t.open(), t.close()));
        assertThat(t.high()).isGreaterThanOrEqualTo(Math.max(t.open(), t.close()));
        if (previous != null) {
          assertThat(t.date()).isAfter(previous);
        }
        previous = t.date();
      }
    }
  }

  private static int spanInCalendar(SyntheticMarket market, List<Tick> series) {
    if (series.isEmpty()) {
      return 0;
    }
    return market.calendar().indexOf(series.get(series.size() - 1).date())
        - market.calendar().indexOf(series.get(0).date())
        + 1;
  }

  private static long unchangedCloses(List<Tick> series) {
    long n = 0;
    for (int i = 1; i < series.size(); i++) {
      if (series.get(i).close() == series.get(i - 1).close()) {
        n++;
      }
    }
    return n;
  }

  private static Map<String, byte[]> contents(Path root) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }
}
