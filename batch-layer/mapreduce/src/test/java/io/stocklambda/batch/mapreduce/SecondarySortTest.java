package io.stocklambda.batch.mapreduce;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.dataset.TrainingLine;
import io.stocklambda.core.window.LabeledWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.mrunit.mapreduce.MapReduceDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mapper, partitioner-free shuffle with the job's own comparators, and reducer, as the job wires them. */
class SecondarySortTest {

  @TempDir
  Path dir;

  @Test
  void ticksInAnyOrderAndOfSeveralStocksComeOutAsDateOrderedWindowsPerStock() throws IOException {
    Path file = dir.resolve("part-seg-1.csv");
    Files.writeString(file, "Date,Open,High,Low,Close,Volume,OpenInt,Stock\n");
    Configuration conf = new Configuration();
    conf.setInt(WindowsReducer.WINDOW_SIZE, 2);
    MapReduceDriver<LongWritable, Text, StockDateKey, TickWritable, NullWritable, Text> driver =
        MapReduceDriver.newMapReduceDriver(new TicksMapper(), new WindowsReducer());
    driver.withConfiguration(conf)
        .withMapInputPath(new org.apache.hadoop.fs.Path(file.toUri()))
        .withKeyGroupingComparator(new StockGroupingComparator())
        .withKeyOrderComparator(WritableComparator.get(StockDateKey.class));

    List<String> out = driver
        .withInput(new LongWritable(1), new Text("2001-01-04,1,1,1,3,1,0,b.us"))
        .withInput(new LongWritable(2), new Text("2001-01-02,1,1,1,1,1,0,a.us"))
        .withInput(new LongWritable(3), new Text("2001-01-03,1,1,1,2,1,0,b.us"))
        .withInput(new LongWritable(4), new Text("2001-01-03,1,1,1,2,1,0,a.us"))
        .withInput(new LongWritable(5), new Text("2001-01-02,1,1,1,1,1,0,b.us"))
        .withInput(new LongWritable(6), new Text("2001-01-03,1,1,1,9,1,0,a.us"))
        .run().stream().map(p -> p.getSecond().toString()).toList();

    assertThat(out).extracting(l -> {
      LabeledWindow w = TrainingLine.parse(l);
      return w.window().stock() + " " + w.window().closes() + " " + w.label();
    }).containsExactly(
        "a.us [1.0, 2.0] null",
        "b.us [1.0, 2.0] UP",
        "b.us [2.0, 3.0] null");
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.DUPLICATES).getValue()).isEqualTo(1);
  }
}
