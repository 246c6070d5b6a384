package io.stocklambda.batch.mapreduce;

import static io.stocklambda.core.testing.Ticks.bar;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.tick.Tick;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicksMapperTest {

  @TempDir
  Path dir;

  @Test
  void aKaggleFileGivesTicksKeyedByStockDateAndNewestSourceFirst() throws IOException {
    Path file = write("ibm.us.txt", "Date,Open,High,Low,Close,Volume,OpenInt\r\n2017-11-09,150.1,150.28,148.79,150.07,4679520,0\r\n");
    long rank = -Files.getLastModifiedTime(file).toMillis();
    MapDriver<LongWritable, Text, StockDateKey, TickWritable> driver = MapDriver.newMapDriver(new TicksMapper())
        .withMapInputPath(new org.apache.hadoop.fs.Path(file.toUri()));

    List<Pair<StockDateKey, TickWritable>> out = driver
        .withInput(new LongWritable(0), new Text("Date,Open,High,Low,Close,Volume,OpenInt"))
        .withInput(new LongWritable(41), new Text("2017-11-09,150.1,150.28,148.79,150.07,4679520,0"))
        .withInput(new LongWritable(90), new Text(""))
        .withInput(new LongWritable(91), new Text("2017-11-10,150.65,150.89,149.14,oops,4306433,0"))
        .withInput(new LongWritable(140), new Text("2017-11-13,148.88,149,147.92,148.4,3590658,0"))
        .run();

    Tick first = bar("ibm.us", "2017-11-09", 150.1, 150.28, 148.79, 150.07, 4679520);
    Tick second = bar("ibm.us", "2017-11-13", 148.88, 149, 147.92, 148.4, 3590658);
    assertThat(out).extracting(Pair::getFirst).containsExactly(
        new StockDateKey("ibm.us", first.date().toEpochDay(), rank), new StockDateKey("ibm.us", second.date().toEpochDay(), rank));
    assertThat(out).extracting(p -> p.getSecond().toTick("ibm.us")).containsExactly(first, second);
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.TICKS).getValue()).isEqualTo(2);
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.MALFORMED_LINES).getValue()).isEqualTo(1);
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.HEADER_LINES).getValue()).isEqualTo(1);
  }

  @Test
  void aSplitOfAMergedFileReadsTheStockColumnFromTheFilesHeader() throws IOException {
    Path file = write("part-seg-1.csv", "Date,Open,High,Low,Close,Volume,OpenInt,Stock\r\n2017-11-09,1,1,1,1.5,10,0,aa.us\r\n");

    List<Pair<StockDateKey, TickWritable>> out = MapDriver.newMapDriver(new TicksMapper())
        .withMapInputPath(new org.apache.hadoop.fs.Path(file.toUri()))
        // a split that does not start the file: no header in it
        .withInput(new LongWritable(4096), new Text("2017-11-10,2,2,2,2.5,20,0,ge.us"))
        .run();

    assertThat(out).singleElement().satisfies(p -> {
      assertThat(p.getFirst().stock()).isEqualTo("ge.us");
      assertThat(p.getSecond().toTick("ge.us").close()).isEqualTo(2.5);
    });
  }

  @Test
  void aFileWithAnUnreadableHeaderIsCountedAndSkipped() throws IOException {
    Path file = write("odd.csv", "Day,Price\n2001-01-01,3\n");
    MapDriver<LongWritable, Text, StockDateKey, TickWritable> driver = MapDriver.newMapDriver(new TicksMapper())
        .withMapInputPath(new org.apache.hadoop.fs.Path(file.toUri()));

    assertThat(driver.withInput(new LongWritable(10), new Text("2001-01-01,3")).run()).isEmpty();
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.UNREADABLE_FILES).getValue()).isEqualTo(1);
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }
}
