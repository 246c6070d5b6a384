package io.stocklambda.batch.mapreduce;

import static io.stocklambda.core.testing.Ticks.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.dataset.TrainingLine;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.core.window.LabeledWindow;
import io.stocklambda.core.window.WindowLabeler;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

class WindowsReducerTest {

  @Test
  void oneStocksTicksBecomeCoresLabeledWindowsWithTheLastOneUnlabeled() throws IOException {
    List<Tick> ticks =
        List.of(
            tick("x.us", "2001-01-02", 10),
            tick("x.us", "2001-01-03", 11),
            tick("x.us", "2001-01-04", 11),
            tick("x.us", "2001-01-05", 12),
            tick("x.us", "2001-01-08", 11.5));
    ReduceDriver<StockDateKey, TickWritable, NullWritable, Text> driver = driver(3);

    List<Pair<NullWritable, Text>> out =
        driver
            .withInput(
                new StockDateKey("x.us", 0, 0, 0), ticks.stream().map(TickWritable::new).toList())
            .run();

    List<String> expected =
        WindowLabeler.windows(ticks, 3, true).stream().map(TrainingLine::format).toList();
    assertThat(out).extracting(p -> p.getSecond().toString()).containsExactlyElementsOf(expected);
    assertThat(out)
        .extracting(p -> TrainingLine.parse(p.getSecond().toString()))
        .extracting(LabeledWindow::label)
        .containsExactly(
            io.stocklambda.core.window.Label.UP, io.stocklambda.core.window.Label.NOT_UP, null);
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.UNLABELED_WINDOWS).getValue())
        .isEqualTo(1);
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.WINDOWS).getValue())
        .isEqualTo(3);
  }

  @Test
  void aRepeatedDateKeepsTheFirstTickAndIsCounted() throws IOException {
    List<Tick> ticks =
        List.of(
            tick("x.us", "2001-01-02", 10),
            tick("x.us", "2001-01-03", 11),
            tick("x.us", "2001-01-03", 99),
            tick("x.us", "2001-01-04", 12));
    ReduceDriver<StockDateKey, TickWritable, NullWritable, Text> driver = driver(2);

    List<Pair<NullWritable, Text>> out =
        driver
            .withInput(
                new StockDateKey("x.us", 0, 0, 0), ticks.stream().map(TickWritable::new).toList())
            .run();

    assertThat(out)
        .extracting(p -> TrainingLine.parse(p.getSecond().toString()).window().closes())
        .containsExactly(List.of(10.0, 11.0), List.of(11.0, 12.0));
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.DUPLICATES).getValue())
        .isEqualTo(1);
  }

  @Test
  void aStockShorterThanAWindowWritesNothing() throws IOException {
    ReduceDriver<StockDateKey, TickWritable, NullWritable, Text> driver = driver(5);
    assertThat(
            driver
                .withInput(
                    new StockDateKey("x.us", 0, 0, 0),
                    List.of(new TickWritable(tick("x.us", "2001-01-02", 1))))
                .run())
        .isEmpty();
    assertThat(driver.getCounters().findCounter(TrainingSetCounters.STOCKS).getValue())
        .isEqualTo(1);
  }

  private static ReduceDriver<StockDateKey, TickWritable, NullWritable, Text> driver(int window) {
    Configuration conf = new Configuration();
    conf.setInt(WindowsReducer.WINDOW_SIZE, window);
    return ReduceDriver.<StockDateKey, TickWritable, NullWritable, Text>newReduceDriver(
            new WindowsReducer())
        .withConfiguration(conf);
  }
}
