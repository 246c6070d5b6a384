package io.stocklambda.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.core.tick.Tick;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TickReaderTest {

  @TempDir Path dir;

  @Test
  void readsAKaggleFileWithTheSymbolFromItsName() throws IOException {
    Path file =
        write(
            "ibm.us.txt",
            """
        Date,Open,High,Low,Close,Volume,OpenInt\r
        1962-01-02,6.413,6.413,6.3378,6.3378,467056,0\r
        1962-01-03,6.3378,6.3963,6.3378,6.3963,350294,0\r
        """);
    ParseReport report = new ParseReport();

    List<Tick> ticks = readAll(file, MalformedLinePolicy.FAIL, report);

    assertThat(ticks)
        .containsExactly(
            new Tick("ibm.us", LocalDate.of(1962, 1, 2), 6.413, 6.413, 6.3378, 6.3378, 467056),
            new Tick("ibm.us", LocalDate.of(1962, 1, 3), 6.3378, 6.3963, 6.3378, 6.3963, 350294));
    assertThat(report.rows()).isEqualTo(2);
    assertThat(report.files()).isEqualTo(1);
    assertThat(report.emptyFiles()).isEmpty();
  }

  @Test
  void readsTheThesisMergedFileWithStockColumnAndOffsetDates() throws IOException {
    Path file =
        write(
            "data.csv",
            """
        Date,Open,High,Low,Close,Volume,OpenInt,Stock
        1962-01-02T00:00:00.000+01:00,6.413,6.413,6.3378,6.3378,467056,0,ibm.us
        1962-01-02T00:00:00.000+01:00,0.6277,0.6362,0.6201,0.6201,2575579,0,ge.us
        1962-01-03T00:00:00.000+01:00,6.3378,6.3963,6.3378,6.3963,350294,0,ibm.us
        """);

    List<Tick> ticks = readAll(file, MalformedLinePolicy.FAIL, new ParseReport());

    assertThat(ticks).extracting(Tick::stock).containsExactly("ibm.us", "ge.us", "ibm.us");
    assertThat(ticks)
        .extracting(Tick::date)
        .containsExactly(
            LocalDate.of(1962, 1, 2), LocalDate.of(1962, 1, 2), LocalDate.of(1962, 1, 3));
  }

  @Test
  void findsColumnsByNameInAnyOrderAndIgnoresExtraOnes() throws IOException {
    Path file =
        write(
            "any.csv",
            """
        "index","Stock","Close","Date","Volume","Low","High","Open"
        0,"aa.us",2.5,2001-02-03,10,2.4,2.6,2.45
        """);

    List<Tick> ticks = readAll(file, MalformedLinePolicy.FAIL, new ParseReport());

    assertThat(ticks)
        .containsExactly(new Tick("aa.us", LocalDate.of(2001, 2, 3), 2.45, 2.6, 2.4, 2.5, 10));
  }

  @Test
  void aFileWithoutHeaderIsReadWithTheKaggleLayout() throws IOException {
    Path file = write("x.us.txt", "2001-02-03,1,2,0.5,1.5,100,0\n");
    assertThat(readAll(file, MalformedLinePolicy.FAIL, new ParseReport())).hasSize(1);
  }

  @Test
  void aMalformedLineNamesItsFileAndLine() throws IOException {
    Path file =
        write(
            "bad.us.txt",
            """
        Date,Open,High,Low,Close,Volume,OpenInt
        2001-02-01,1,2,0.5,1.5,100,0
        2001-02-02,1,2,0.5,1.6,100,0
        2001-02-05,1,2,0.5,abc,100,0
        2001-02-06,1,2,0.5,1.7,100,0
        """);

    assertThatThrownBy(() -> readAll(file, MalformedLinePolicy.FAIL, new ParseReport()))
        .isInstanceOf(MalformedLineException.class)
        .hasMessageStartingWith(file + ":4: bad close 'abc'")
        .satisfies(
            e -> {
              MalformedLineException m = (MalformedLineException) e;
              assertThat(m.file()).isEqualTo(file);
              assertThat(m.line()).isEqualTo(4);
            });
  }

  @Test
  void eachKindOfBadLineIsExplained() throws IOException {
    Path file =
        write(
            "kinds.us.txt",
            """
        Date,Open,High,Low,Close,Volume,OpenInt
        2001-02-01,1,2,0.5,1.5,100
        2001-02-02,1,2,0.5,1.5,100,0,extra
        2001-02-31,1,2,0.5,1.5,100,0
        2001-02-03,1,2,0.5,0,100,0
        2001-02-03,1,2,0.5,-1,100,0
        2001-02-03,1,2,0.5,1.5,1.5,0
        2001-02-03,-1,2,0.5,1.5,100,0
        2001-02-09,1,2,0.5,1.5,100,0
        2001-02-08,1,2,0.5,1.5,100,0
        """);
    ParseReport report = new ParseReport();

    List<Tick> ticks = readAll(file, MalformedLinePolicy.SKIP, report);

    assertThat(ticks).extracting(Tick::date).containsExactly(LocalDate.of(2001, 2, 9));
    assertThat(report.malformedLines()).isEqualTo(8);
    assertThat(report.malformedSamples())
        .extracting(MalformedLineException::line)
        .containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 10L);
    assertThat(report.malformedSamples())
        .extracting(MalformedLineException::reason)
        .containsExactly(
            "expected 7 fields, found 6",
            "expected 7 fields, found more",
            "not a date: '2001-02-31' (Invalid date 'FEBRUARY 31')",
            "close must be a finite price above zero, was 0.0",
            "close must be a finite price above zero, was -1.0",
            "bad volume '1.5'",
            "open must be a finite price not below zero, was -1.0",
            "date 2001-02-08 is before the previous row's 2001-02-09 (rows must be in date order)");
    assertThat(report.rows()).isEqualTo(1);
  }

  @Test
  void anEmptyFileIsReportedAndYieldsNothing() throws IOException {
    Path empty = write("molc.us.txt", "");
    Path headerOnly = write("vist.us.txt", "Date,Open,High,Low,Close,Volume,OpenInt\r\n");
    ParseReport report = new ParseReport();

    assertThat(readAll(empty, MalformedLinePolicy.FAIL, report)).isEmpty();
    assertThat(readAll(headerOnly, MalformedLinePolicy.FAIL, report)).isEmpty();

    assertThat(report.emptyFiles()).containsExactly(empty, headerOnly);
    assertThat(report.describe())
        .contains("2 empty files skipped")
        .contains("empty file: " + empty);
  }

  @Test
  void aFileOfOnlyBadLinesIsMalformedNotEmpty() throws IOException {
    Path file = write("junk.us.txt", "Date,Open,High,Low,Close,Volume,OpenInt\nnonsense\n");
    ParseReport report = new ParseReport();

    assertThat(readAll(file, MalformedLinePolicy.SKIP, report)).isEmpty();

    assertThat(report.emptyFiles()).isEmpty();
    assertThat(report.malformedLines()).isEqualTo(1);
  }

  @Test
  void anUnreadableHeaderSaysWhichColumnsAreMissing() throws IOException {
    Path file = write("odd.csv", "Day,Price\n2001-01-01,3\n");

    assertThatThrownBy(() -> readAll(file, MalformedLinePolicy.FAIL, new ParseReport()))
        .hasMessageStartingWith(
            file + ":1: header lacks column(s) [date, open, high, low, close, volume]");
  }

  @Test
  void blankLinesAreCountedNotFatal() throws IOException {
    Path file =
        write(
            "b.us.txt",
            "Date,Open,High,Low,Close,Volume,OpenInt\n\n2001-02-01,1,2,0.5,1.5,100,0\n   \n");
    ParseReport report = new ParseReport();

    assertThat(readAll(file, MalformedLinePolicy.FAIL, report)).hasSize(1);
    assertThat(report.blankLines()).isEqualTo(2);
  }

  @Test
  void discoversTickFilesRecursivelyInPathOrder() throws IOException {
    Files.createDirectories(dir.resolve("Stocks"));
    Files.createDirectories(dir.resolve("ETFs"));
    write("Stocks/b.us.txt", "");
    write("Stocks/a.us.txt", "");
    write("ETFs/spy.us.txt", "");
    write("Stocks/.hidden.txt", "");
    write("Stocks/notes.md", "");

    assertThat(TickCsv.discover(dir))
        .extracting(TickSource::symbol)
        .containsExactly("spy.us", "a.us", "b.us");
    assertThatThrownBy(() -> TickCsv.discover(dir.resolve("nope")))
        .hasMessageContaining("does not exist");
  }

  @Test
  void aDuplicatedDateKeepsTheFirstRowAndReportsTheLaterOneWithItsLine() throws IOException {
    // issue 14, case 3: 2017-01-05 twice, close 10.0 then 20.0
    Path file =
        write(
            "dup.us.txt",
            """
        Date,Open,High,Low,Close,Volume,OpenInt\r
        2017-01-04,9,9,9,9.0,1,0\r
        2017-01-05,10,10,10,10.0,1,0\r
        2017-01-05,20,20,20,20.0,1,0\r
        2017-01-06,11,11,11,11.0,1,0\r
        """);
    ParseReport report = new ParseReport();

    List<Tick> ticks = readAll(file, MalformedLinePolicy.SKIP, report);

    assertThat(ticks).extracting(Tick::close).containsExactly(9.0, 10.0, 11.0);
    assertThat(report.malformedSamples())
        .extracting(MalformedLineException::line)
        .containsExactly(4L);
    assertThat(report.malformedSamples().get(0).reason())
        .isEqualTo(DuplicateRule.describe("dup.us", LocalDate.of(2017, 1, 5), 3));
    assertThatThrownBy(() -> readAll(file, MalformedLinePolicy.FAIL, new ParseReport()))
        .isInstanceOf(MalformedLineException.class)
        .hasMessageContaining("dup.us.txt:4")
        .hasMessageContaining("the first row wins");
  }

  @Test
  void aMergedFileRepeatingAStockSDateAmongOtherStocksKeepsTheFirstToo() throws IOException {
    Path file =
        write(
            "data.csv",
            """
        Date,Open,High,Low,Close,Volume,OpenInt,Stock
        2017-01-05,1,1,1,10.0,1,0,a.us
        2017-01-05,1,1,1,5.0,1,0,b.us
        2017-01-05,1,1,1,20.0,1,0,A.US
        2017-01-06,1,1,1,6.0,1,0,b.us
        """);
    ParseReport report = new ParseReport();

    List<Tick> ticks = readAll(file, MalformedLinePolicy.SKIP, report);

    assertThat(ticks)
        .extracting(t -> t.stock() + " " + t.close())
        .containsExactly("a.us 10.0", "b.us 5.0", "b.us 6.0");
    assertThat(report.malformedSamples())
        .extracting(MalformedLineException::line)
        .containsExactly(4L);
  }

  @Test
  void aFileWhoseNameIsNotASymbolHasEveryLineMalformedAndNamesTheRule() throws IOException {
    Path file =
        write(
            "<img src=x>.txt",
            """
        2017-01-04,9,9,9,9.0,1,0
        2017-01-05,10,10,10,10.0,1,0
        """);
    ParseReport report = new ParseReport();

    assertThat(readAll(file, MalformedLinePolicy.SKIP, report)).isEmpty();
    assertThat(report.malformedLines()).isEqualTo(2);
    assertThat(report.malformedSamples().get(0).reason())
        .contains("the file name gives no stock", "not a stock symbol");
    assertThat(report.emptyFiles()).isEmpty();
  }

  @Test
  void anUpperCaseFileNameGivesTheLowerCaseSymbol() throws IOException {
    Path file = write("MSFT.US.TXT", "2017-01-04,9,9,9,9.0,1,0\n");
    assertThat(readAll(file, MalformedLinePolicy.FAIL, new ParseReport()))
        .extracting(Tick::stock)
        .containsExactly("msft.us");
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static List<Tick> readAll(Path file, MalformedLinePolicy policy, ParseReport report) {
    List<Tick> out = new ArrayList<>();
    try (TickReader reader = TickCsv.read(TickSource.of(file), policy, report)) {
      reader.forEachRemaining(out::add);
    }
    return out;
  }
}
