package io.stocklambda.batch.mapreduce;

import static io.stocklambda.core.testing.Ticks.bar;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.tick.Tick;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

class TicksMapperTest {

  private static final String KAGGLE_HEADER = "Date,Open,High,Low,Close,Volume,OpenInt";
  private static final long RANK = -1_700_000_000_000L;

  @Test
  void aKaggleFileGivesTicksKeyedByStockDateAndNewestSourceFirst() throws IOException {
    String file = "hdfs://nn/master/ibm.us.txt";
    MapDriver<SourcePosition, Text, StockDateKey, TickWritable> driver =
        MapDriver.newMapDriver(new TicksMapper());

    List<Pair<StockDateKey, TickWritable>> out =
        driver
            .withInput(at(file, KAGGLE_HEADER, 0, true), new Text(KAGGLE_HEADER + "\r"))
            .withInput(
                at(file, KAGGLE_HEADER, 41, false),
                new Text("2017-11-09,150.1,150.28,148.79,150.07,4679520,0\r"))
            .withInput(at(file, KAGGLE_HEADER, 90, false), new Text(""))
            .withInput(
                at(file, KAGGLE_HEADER, 91, false),
                new Text("2017-11-10,150.65,150.89,149.14,oops,4306433,0"))
            .withInput(
                at(file, KAGGLE_HEADER, 140, false),
                new Text("2017-11-13,148.88,149,147.92,148.4,3590658,0"))
            .run();

    Tick first = bar("ibm.us", "2017-11-09", 150.1, 150.28, 148.79, 150.07, 4679520);
    Tick second = bar("ibm.us", "2017-11-13", 148.88, 149, 147.92, 148.4, 3590658);
    assertThat(out)
        .extracting(Pair::getFirst)
        .containsExactly(
            new StockDateKey("ibm.us", first.date().toEpochDay(), RANK, 41),
            new StockDateKey("ibm.us", second.date().toEpochDay(), RANK, 140));
    assertThat(out).extracting(p -> p.getSecond().toTick("ibm.us")).containsExactly(first, second);
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.TICKS).getValue()).isEqualTo(2);
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.MALFORMED_LINES).getValue())
        .isEqualTo(1);
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.HEADER_LINES).getValue())
        .isEqualTo(1);
  }

  @Test
  void aLineThatLooksLikeAHeaderBelowTheFirstIsMalformedNotAHeader() throws IOException {
    String file = "hdfs://nn/master/ibm.us.txt";
    MapDriver<SourcePosition, Text, StockDateKey, TickWritable> driver =
        MapDriver.newMapDriver(new TicksMapper());

    assertThat(
            driver
                .withInput(at(file, KAGGLE_HEADER, 0, true), new Text(KAGGLE_HEADER))
                .withInput(at(file, KAGGLE_HEADER, 41, false), new Text("oops,1,1,1,1,1,0"))
                .run())
        .isEmpty();
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.MALFORMED_LINES).getValue())
        .isEqualTo(1);
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.HEADER_LINES).getValue())
        .isEqualTo(1);
  }

  @Test
  void aSplitOfAMergedFileReadsTheStockColumnFromTheFilesHeader() throws IOException {
    String merged = "Date,Open,High,Low,Close,Volume,OpenInt,Stock";

    List<Pair<StockDateKey, TickWritable>> out =
        MapDriver.newMapDriver(new TicksMapper())
            // a split that does not start the file: no header in it, but the key carries the file's
            // first line
            .withInput(
                at("hdfs://nn/master/part-seg-1.csv", merged, 4096, false),
                new Text("2017-11-10,2,2,2,2.5,20,0,ge.us"))
            .run();

    assertThat(out)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getFirst().stock()).isEqualTo("ge.us");
              assertThat(p.getSecond().toTick("ge.us").close()).isEqualTo(2.5);
            });
  }

  @Test
  void everyLineOfAFileWithAnUnreadableHeaderIsMalformed() throws IOException {
    String file = "hdfs://nn/master/odd.csv";
    MapDriver<SourcePosition, Text, StockDateKey, TickWritable> driver =
        MapDriver.newMapDriver(new TicksMapper());

    assertThat(
            driver
                .withInput(at(file, "Day,Price", 0, true), new Text("Day,Price"))
                .withInput(at(file, "Day,Price", 10, false), new Text("2001-01-01,3"))
                .run())
        .isEmpty();
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.UNREADABLE_FILES).getValue())
        .isEqualTo(1);
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.MALFORMED_LINES).getValue())
        .isEqualTo(2);
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.TICKS).getValue()).isZero();
  }

  @Test
  void inputBytesCountEveryLineWithItsTerminator() throws IOException {
    String file = "hdfs://nn/master/ibm.us.txt";
    MapDriver<SourcePosition, Text, StockDateKey, TickWritable> driver =
        MapDriver.newMapDriver(new TicksMapper());
    driver
        .withInput(at(file, KAGGLE_HEADER, 0, true), new Text(KAGGLE_HEADER + "\r"))
        .withInput(at(file, KAGGLE_HEADER, 41, false), new Text(""))
        .run();
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.INPUT_BYTES).getValue())
        .isEqualTo(KAGGLE_HEADER.length() + 2 + 1);
  }

  private static SourcePosition at(String file, String firstLine, long offset, boolean first) {
    return new SourcePosition(file, firstLine, RANK, offset, first);
  }
}
