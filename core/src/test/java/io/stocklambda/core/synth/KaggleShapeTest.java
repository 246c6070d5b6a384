package io.stocklambda.core.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.csv.MalformedLineException;
import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.csv.TickReader;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.tick.Tick;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kaggle-shaped market, at a fiftieth of its files: the real set's layout, spread and faults,
 * whatever the scale.
 */
class KaggleShapeTest {

  private static final SyntheticMarketConfig CONFIG = SyntheticMarketConfig.kaggle(0.02, 42L);

  @TempDir static Path dir;

  private static GeneratedMarket market;
  private static final ParseReport report = new ParseReport();
  private static final Map<String, List<Tick>> byFile = new TreeMap<>();

  @BeforeAll
  static void generateAndReadBack() throws IOException {
    market = new SyntheticMarket(CONFIG).write(dir.resolve("market"));
    for (TickSource source : TickCsv.discover(market.dir())) {
      List<Tick> ticks = new ArrayList<>();
      try (TickReader reader = TickCsv.read(source, MalformedLinePolicy.SKIP, report)) {
        reader.forEachRemaining(ticks::add);
      }
      byFile.put(market.dir().relativize(source.path()).toString(), ticks);
    }
  }

  @Test
  void itHasTheRealSetsLayoutAndCalendarScaled() {
    assertThat(CONFIG.stocks()).isEqualTo(143);
    assertThat(CONFIG.etfs()).isEqualTo(27);
    assertThat(market.stockFiles()).isEqualTo(143);
    assertThat(market.etfFiles()).isEqualTo(27);
    assertThat(report.emptyFiles()).hasSize(1);
    assertThat(byFile.keySet())
        .anyMatch(f -> f.startsWith("ETFs/"))
        .anyMatch(f -> f.startsWith("Stocks/"));
    assertThat(market.firstDate()).isEqualTo(LocalDate.of(1962, 1, 2));
    assertThat(market.lastDate()).isEqualTo(LocalDate.of(2017, 11, 10));
    assertThat(report.rows()).isEqualTo(market.rows());
  }

  @Test
  void filesRunFromAFewRowsToDecadesAndMostStartAtTheVendorsFirstDayOrLater() {
    List<List<Tick>> series = byFile.values().stream().filter(t -> !t.isEmpty()).toList();
    assertThat(series).anySatisfy(t -> assertThat(t.size()).isLessThan(250));
    assertThat(series).anySatisfy(t -> assertThat(t.size()).isGreaterThan(8_000));
    long fromVendor =
        series.stream()
            .filter(t -> !t.get(0).date().isBefore(SyntheticMarket.VENDOR_START))
            .count();
    assertThat(fromVendor).isGreaterThan(series.size() * 8 / 10);
    assertThat(series)
        .as("delisted before the end")
        .anySatisfy(t -> assertThat(t.get(t.size() - 1).date()).isBefore(market.lastDate()));
    double mean = series.stream().mapToInt(List::size).average().orElseThrow();
    assertThat(mean).as("rows per file, the real set's is about 2,050").isBetween(1_500.0, 2_600.0);
  }

  @Test
  void itsTwoMalformedLinesAreTheRealSetsFaultsWhereItSaysTheyAre() throws IOException {
    assertThat(market.malformed())
        .hasSize(2)
        .extracting(MalformedLine::kind)
        .containsExactlyInAnyOrder(
            MalformedLine.Kind.NEGATIVE_LOW, MalformedLine.Kind.MISSING_FIELD);
    assertThat(report.malformedLines()).isEqualTo(2);
    for (MalformedLine line : market.malformed()) {
      Path file = market.dir().resolve(line.file());
      MalformedLineException read =
          report.malformedSamples().stream()
              .filter(e -> e.file().equals(file))
              .findFirst()
              .orElseThrow();
      assertThat(read.line()).isEqualTo(line.lineNumber());
      assertThat(read.reason())
          .contains(
              line.kind() == MalformedLine.Kind.NEGATIVE_LOW ? "low must be" : "expected 7 fields");
      assertThat(Files.readAllLines(file).get((int) line.lineNumber() - 1))
          .startsWith(line.date().toString());
    }
  }

  @Test
  void linesEndWithCrlf() throws IOException {
    String first =
        byFile.keySet().stream().filter(f -> !byFile.get(f).isEmpty()).findFirst().orElseThrow();
    assertThat(Files.readString(market.dir().resolve(first)))
        .startsWith("Date,Open,High,Low,Close,Volume,OpenInt\r\n")
        .endsWith("\r\n");
  }

  @Test
  void theMergedFileHoldsTheSameTicksInGlobalDateOrder() throws IOException {
    GeneratedMarket merged = new SyntheticMarket(CONFIG).writeMerged(dir.resolve("data.csv"));
    ParseReport mergedReport = new ParseReport();
    List<Tick> ticks = new ArrayList<>();
    try (TickReader reader =
        TickCsv.read(TickSource.of(merged.dir()), MalformedLinePolicy.SKIP, mergedReport)) {
      reader.forEachRemaining(ticks::add);
    }
    assertThat(ticks)
        .isSortedAccordingTo(Comparator.comparing(Tick::date).thenComparing(Tick::stock));
    assertThat(mergedReport.malformedLines()).isEqualTo(2);
    assertThat(merged.rows()).isEqualTo(market.rows());
    Comparator<Tick> order = Comparator.comparing(Tick::stock).thenComparing(Tick::date);
    List<Tick> files = new ArrayList<>(byFile.values().stream().flatMap(List::stream).toList());
    files.sort(order);
    ticks.sort(order);
    assertThat(ticks).isEqualTo(files);
  }

  @Test
  void theSameSeedWritesTheSameBytesAgain() throws IOException {
    GeneratedMarket again = new SyntheticMarket(CONFIG).write(dir.resolve("again"));
    try (Stream<Path> walk = Files.walk(market.dir())) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readAllBytes(again.dir().resolve(market.dir().relativize(p))))
            .as(p.toString())
            .isEqualTo(Files.readAllBytes(p));
      }
    }
  }
}
