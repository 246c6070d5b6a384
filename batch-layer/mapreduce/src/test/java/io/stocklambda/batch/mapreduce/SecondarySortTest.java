package io.stocklambda.batch.mapreduce;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.dataset.TrainingLine;
import io.stocklambda.core.window.LabeledWindow;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mrunit.mapreduce.MapReduceDriver;
import org.junit.jupiter.api.Test;

/**
 * Mapper, partitioner-free shuffle with the job's own comparators, and reducer, as the job wires
 * them.
 */
class SecondarySortTest {

  @Test
  void ticksInAnyOrderAndOfSeveralStocksComeOutAsDateOrderedWindowsPerStock() throws IOException {
    String file = "hdfs://nn/master/stream/date=2001-01-05/part-seg-1.csv";
    String header = "Date,Open,High,Low,Close,Volume,OpenInt,Stock";
    MapReduceDriver<SourcePosition, Text, StockDateKey, TickWritable, NullWritable, Text> driver =
        driver(2);

    List<String> out =
        driver
            .withInput(
                new SourcePosition(file, header, -1, 10, false),
                new Text("2001-01-04,1,1,1,3,1,0,b.us"))
            .withInput(
                new SourcePosition(file, header, -1, 20, false),
                new Text("2001-01-02,1,1,1,1,1,0,a.us"))
            .withInput(
                new SourcePosition(file, header, -1, 30, false),
                new Text("2001-01-03,1,1,1,2,1,0,b.us"))
            .withInput(
                new SourcePosition(file, header, -1, 40, false),
                new Text("2001-01-03,1,1,1,2,1,0,a.us"))
            .withInput(
                new SourcePosition(file, header, -1, 50, false),
                new Text("2001-01-02,1,1,1,1,1,0,b.us"))
            .withInput(
                new SourcePosition(file, header, -1, 60, false),
                new Text("2001-01-03,1,1,1,9,1,0,a.us"))
            .run()
            .stream()
            .map(p -> p.getSecond().toString())
            .toList();

    assertThat(out)
        .extracting(
            l -> {
              LabeledWindow w = TrainingLine.parse(l);
              return w.window().stock() + " " + w.window().closes() + " " + w.label();
            })
        .containsExactly("a.us [1.0, 2.0] null", "b.us [1.0, 2.0] UP", "b.us [2.0, 3.0] null");
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.DUPLICATES).getValue())
        .isEqualTo(1);
  }

  @Test
  void aDuplicatedDateKeepsTheFileSFirstRowWhateverOrderTheMapOutputComesIn() throws IOException {
    // issue 14: ibm.us 2017-01-05 twice, close 10.0 (line 3) then 20.0 (line 4); the later row must
    // lose, as in the speed layer
    String file = "hdfs://nn/master/kaggle/ibm.us.txt";
    String header = "Date,Open,High,Low,Close,Volume,OpenInt";
    MapReduceDriver<SourcePosition, Text, StockDateKey, TickWritable, NullWritable, Text> driver =
        driver(2);

    List<String> out =
        driver
            .withInput(
                new SourcePosition(file, header, -1, 120, false),
                new Text("2017-01-05,20,20,20,20.0,1,0"))
            .withInput(
                new SourcePosition(file, header, -1, 40, false),
                new Text("2017-01-03,1,1,1,5.0,1,0"))
            .withInput(
                new SourcePosition(file, header, -1, 80, false),
                new Text("2017-01-05,10,10,10,10.0,1,0"))
            .run()
            .stream()
            .map(p -> p.getSecond().toString())
            .toList();

    assertThat(out)
        .extracting(l -> TrainingLine.parse(l).window().closes().toString())
        .containsExactly("[5.0, 10.0]");
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.DUPLICATES).getValue())
        .isEqualTo(1);
  }

  /**
   * The mapper, the job's own comparators and the reducer, with windows of {@code window} ticks.
   */
  private static MapReduceDriver<
          SourcePosition, Text, StockDateKey, TickWritable, NullWritable, Text>
      driver(int window) {
    Configuration conf = new Configuration();
    conf.setInt(WindowsReducer.WINDOW_SIZE, window);
    MapReduceDriver<SourcePosition, Text, StockDateKey, TickWritable, NullWritable, Text> driver =
        MapReduceDriver.newMapReduceDriver(new TicksMapper(), new WindowsReducer());
    driver
        .withConfiguration(conf)
        .withKeyGroupingComparator(new StockGroupingComparator())
        .withKeyOrderComparator(new StockDateKey.Comparator());
    return driver;
  }
}
