package io.stocklambda.core.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stocklambda.core.csv.MalformedLineException;
import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.csv.TickReader;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.synth.SyntheticMarket;
import io.stocklambda.core.synth.SyntheticMarketConfig;
import io.stocklambda.core.testing.SharedKaggleData;
import io.stocklambda.core.tick.Tick;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TickMergerTest {

  private static final Comparator<Tick> DATE_THEN_STOCK =
      Comparator.comparing(Tick::date).thenComparing(Tick::stock);

  @TempDir
  Path dir;

  @Test
  void mergeOfTheSharedFilesEqualsASortOfTheSameRows() {
    List<TickSource> sources = TickCsv.discover(SharedKaggleData.require());

    List<Tick> merged = merge(sources, TickMerger.DEFAULT_BUFFER_BUDGET);

    List<Tick> sorted = readEach(sources);
    sorted.sort(DATE_THEN_STOCK);
    assertThat(merged).hasSize((int) SharedKaggleData.TOTAL_ROWS);
    assertThat(merged).isEqualTo(sorted);
  }

  @Test
  void mergeOfASyntheticMarketEqualsASortEvenWithTheSmallestBlocks() {
    new SyntheticMarket(new SyntheticMarketConfig(40, 300, 7L, SyntheticMarketConfig.DEFAULT_START, 2, 1)).write(dir);
    List<TickSource> sources = TickCsv.discover(dir);

    List<Tick> merged = merge(sources, 1); // every file read through the minimum block, reopened each time

    List<Tick> sorted = readEach(sources);
    sorted.sort(DATE_THEN_STOCK);
    assertThat(merged).isEqualTo(sorted);
  }

  @Test
  void aMergeOfHundredsOfFilesHoldsAtMostOneOpenFileAtATime() throws IOException {
    Path fds = Path.of("/proc/self/fd");
    assumeTrue(Files.isDirectory(fds), "skipped: no /proc/self/fd to count open files on this system");
    new SyntheticMarket(new SyntheticMarketConfig(300, 400, 3L, SyntheticMarketConfig.DEFAULT_START, 0, 0)).write(dir); // files of several blocks
    List<TickSource> sources = TickCsv.discover(dir);
    long before = openFiles(fds);
    long most = 0;

    try (TickMerger merger = TickMerger.open(sources, MalformedLinePolicy.FAIL, new ParseReport(), 1)) {
      for (int i = 0; merger.hasNext(); i++) {
        merger.next();
        if (i % 50 == 0) {
          most = Math.max(most, openFiles(fds) - before);
        }
      }
    }

    assertThat(sources).hasSize(300);
    assertThat(most).isLessThanOrEqualTo(1);
  }

  private static long openFiles(Path fds) throws IOException {
    try (java.util.stream.Stream<Path> list = Files.list(fds)) {
      return list.count();
    }
  }

  @Test
  void blocksShareTheBudgetWithinBounds() {
    assertThat(TickMerger.blockSize(32L << 20, 104)).isEqualTo(322_638);
    assertThat(TickMerger.blockSize(32L << 20, 7_195)).isEqualTo(4_663);
    assertThat(TickMerger.blockSize(32L << 20, 100_000)).isEqualTo(TickMerger.MIN_BLOCK);
    assertThat(TickMerger.blockSize(32L << 20, 1)).isEqualTo(TickMerger.MAX_BLOCK);
  }

  @Test
  void sameDateTicksComeInStockOrder() throws IOException {
    Path b = write("b.us.txt", "Date,Open,High,Low,Close,Volume,OpenInt\n2001-01-02,1,1,1,1,1,0\n2001-01-03,1,1,1,1,1,0\n");
    Path a = write("a.us.txt", "Date,Open,High,Low,Close,Volume,OpenInt\n2001-01-03,1,1,1,1,1,0\n");

    List<Tick> merged = merge(List.of(TickSource.of(b), TickSource.of(a)), 1 << 20);

    assertThat(merged).extracting(t -> t.date() + " " + t.stock())
        .containsExactly("2001-01-02 b.us", "2001-01-03 a.us", "2001-01-03 b.us");
  }

  @Test
  void aFileOutOfDateOrderFailsTheMergeNamingTheLine() throws IOException {
    Path bad = write("bad.us.txt", "Date,Open,High,Low,Close,Volume,OpenInt\n2001-01-05,1,1,1,1,1,0\n2001-01-04,1,1,1,1,1,0\n");

    assertThatThrownBy(() -> merge(List.of(TickSource.of(bad)), 1 << 20))
        .isInstanceOf(MalformedLineException.class)
        .hasMessageStartingWith(bad + ":3: date 2001-01-04 is before");
  }

  @Test
  void emptySourcesAreSkippedAndReported() throws IOException {
    Path empty = write("e.us.txt", "");
    Path one = write("o.us.txt", "Date,Open,High,Low,Close,Volume,OpenInt\n2001-01-02,1,1,1,1,1,0\n");
    ParseReport report = new ParseReport();

    List<Tick> merged = new ArrayList<>();
    try (TickMerger merger = TickMerger.open(List.of(TickSource.of(empty), TickSource.of(one)), MalformedLinePolicy.FAIL, report)) {
      merger.forEachRemaining(merged::add);
    }

    assertThat(merged).extracting(Tick::date).containsExactly(LocalDate.of(2001, 1, 2));
    assertThat(report.emptyFiles()).containsExactly(empty);
  }

  private static List<Tick> merge(List<TickSource> sources, long budget) {
    List<Tick> out = new ArrayList<>();
    try (TickMerger merger = TickMerger.open(sources, MalformedLinePolicy.FAIL, new ParseReport(), budget)) {
      merger.forEachRemaining(out::add);
    }
    return out;
  }

  private static List<Tick> readEach(List<TickSource> sources) {
    List<Tick> out = new ArrayList<>();
    for (TickSource source : sources) {
      try (TickReader reader = TickCsv.read(source, MalformedLinePolicy.FAIL, new ParseReport())) {
        reader.forEachRemaining(out::add);
      }
    }
    return out;
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
