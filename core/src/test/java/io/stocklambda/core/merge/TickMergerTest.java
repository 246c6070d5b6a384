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

  @TempDir Path dir;

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
    new SyntheticMarket(
            new SyntheticMarketConfig(40, 300, 7L, SyntheticMarketConfig.DEFAULT_START, 2, 1))
        .write(dir);
    List<TickSource> sources = TickCsv.discover(dir);

    List<Tick> merged =
        merge(sources, 1); // every file read through the minimum block, reopened each time

    List<Tick> sorted = readEach(sources);
    sorted.sort(DATE_THEN_STOCK);
    assertThat(merged).isEqualTo(sorted);
  }

  @Test
  void aMergeOfHundredsOfFilesHoldsAtMostOneOpenFileAtATime() throws IOException {
    Path fds = Path.of("/proc/self/fd");
    assumeTrue(
        Files.isDirectory(fds), "skipped: no /proc/self/fd to count open files on this system");
    new SyntheticMarket(
            new SyntheticMarketConfig(300, 400, 3L, SyntheticMarketConfig.DEFAULT_START, 0, 0))
        .write(dir); // files of several blocks
    List<TickSource> sources = TickCsv.discover(dir);
    long most = 0;

    try (TickMerger merger =
        TickMerger.open(sources, MalformedLinePolicy.FAIL, new ParseReport(), 1)) {
      for (int i = 0; merger.hasNext(); i++) {
        merger.next();
        if (i % 50 == 0) {
          most = Math.max(most, openFilesUnder(fds, dir));
        }
      }
    }

    assertThat(sources).hasSize(300);
    assertThat(most).isLessThanOrEqualTo(1);
  }

  /**
   * The process's open files that lie in {@code root}: other threads of the JVM (class loading, the
   * test runner) open files of their own at any time, so counting every descriptor was flaky.
   */
  private static long openFilesUnder(Path fds, Path root) throws IOException {
    Path real = root.toRealPath();
    try (java.util.stream.Stream<Path> list = Files.list(fds)) {
      return list.filter(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).startsWith(real);
                } catch (IOException | UnsupportedOperationException e) {
                  return false; // closed meanwhile, or not a link
                }
              })
          .count();
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
    Path b =
        write(
            "b.us.txt",
            "Date,Open,High,Low,Close,Volume,OpenInt\n2001-01-02,1,1,1,1,1,0\n2001-01-03,1,1,1,1,1,0\n");
    Path a = write("a.us.txt", "Date,Open,High,Low,Close,Volume,OpenInt\n2001-01-03,1,1,1,1,1,0\n");

    List<Tick> merged = merge(List.of(TickSource.of(b), TickSource.of(a)), 1 << 20);

    assertThat(merged)
        .extracting(t -> t.date() + " " + t.stock())
        .containsExactly("2001-01-02 b.us", "2001-01-03 a.us", "2001-01-03 b.us");
  }

  @Test
  void mergedFilesAndPerStockFilesInterleaveByDateThenStockThenSource() throws IOException {
    Path merged =
        write(
            "data.csv",
            "Date,Open,High,Low,Close,Volume,OpenInt,Stock\n"
                + "2001-01-02,1,1,1,1,1,0,b.us\n2001-01-02,1,1,1,2,1,0,d.us\n2001-01-03,1,1,1,3,1,0,a.us\n2001-01-03,1,1,1,4,1,0,c.us\n");
    Path c =
        write(
            "c.us.txt",
            "Date,Open,High,Low,Close,Volume,OpenInt\n2001-01-02,1,1,1,5,1,0\n2001-01-03,1,1,1,6,1,0\n");
    Path a = write("a.us.txt", "Date,Open,High,Low,Close,Volume,OpenInt\n2001-01-02,1,1,1,7,1,0\n");
    Path b =
        write("sub/b.us.txt", "Date,Open,High,Low,Close,Volume,OpenInt\n2001-01-03,1,1,1,8,1,0\n");
    List<TickSource> sources =
        List.of(TickSource.of(merged), TickSource.of(c), TickSource.of(a), TickSource.of(b));

    // the same stock on the same date from two sources: the one listed first comes first
    assertThat(merge(sources, 1 << 20))
        .extracting(t -> t.date() + " " + t.stock() + " " + t.close())
        .containsExactly(
            "2001-01-02 a.us 7.0",
            "2001-01-02 b.us 1.0",
            "2001-01-02 c.us 5.0",
            "2001-01-02 d.us 2.0",
            "2001-01-03 a.us 3.0",
            "2001-01-03 b.us 8.0",
            "2001-01-03 c.us 4.0",
            "2001-01-03 c.us 6.0");
  }

  @Test
  void aFileOutOfDateOrderFailsTheMergeNamingTheLine() throws IOException {
    Path bad =
        write(
            "bad.us.txt",
            "Date,Open,High,Low,Close,Volume,OpenInt\n2001-01-05,1,1,1,1,1,0\n2001-01-04,1,1,1,1,1,0\n");

    assertThatThrownBy(() -> merge(List.of(TickSource.of(bad)), 1 << 20))
        .isInstanceOf(MalformedLineException.class)
        .hasMessageStartingWith(bad + ":3: date 2001-01-04 is before");
  }

  @Test
  void emptySourcesAreSkippedAndReported() throws IOException {
    Path empty = write("e.us.txt", "");
    Path one =
        write("o.us.txt", "Date,Open,High,Low,Close,Volume,OpenInt\n2001-01-02,1,1,1,1,1,0\n");
    ParseReport report = new ParseReport();

    List<Tick> merged = new ArrayList<>();
    try (TickMerger merger =
        TickMerger.open(
            List.of(TickSource.of(empty), TickSource.of(one)), MalformedLinePolicy.FAIL, report)) {
      merger.forEachRemaining(merged::add);
    }

    assertThat(merged).extracting(Tick::date).containsExactly(LocalDate.of(2001, 1, 2));
    assertThat(report.emptyFiles()).containsExactly(empty);
  }

  private static List<Tick> merge(List<TickSource> sources, long budget) {
    List<Tick> out = new ArrayList<>();
    try (TickMerger merger =
        TickMerger.open(sources, MalformedLinePolicy.FAIL, new ParseReport(), budget)) {
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
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }
}
