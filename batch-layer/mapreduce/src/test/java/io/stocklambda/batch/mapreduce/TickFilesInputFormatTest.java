package io.stocklambda.batch.mapreduce;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.csv.TickReader;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.testing.LineEndingCases;
import io.stocklambda.core.tick.Tick;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batch layer's reader (the input format and the mapper) follows core's line contract: for each
 * kind of line ending, it reads exactly the ticks that core's reader, used by the landing check and
 * the replay, reads from the same bytes.
 */
class TickFilesInputFormatTest {

  private static final String HEADER = "Date,Open,High,Low,Close,Volume,OpenInt";

  @TempDir Path dir;

  static List<LineEndingCases> cases() {
    return LineEndingCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theBatchLayersReaderFindsTheCasesTicksAsCoresReaderDoes(LineEndingCases c) throws Exception {
    Path file = dir.resolve(c.fileName());
    Files.write(file, c.content().getBytes(StandardCharsets.UTF_8));
    List<Tick> core = new ArrayList<>();
    try (TickReader reader =
        TickCsv.read(TickSource.of(file), MalformedLinePolicy.FAIL, new ParseReport())) {
      reader.forEachRemaining(core::add);
    }
    assertThat(map(read(file, 0, Files.size(file)))).isEqualTo(c.ticks()).isEqualTo(core);
  }

  @Test
  void aChunkThatStartsMidFileTakesTheLayoutFromTheFilesFirstLine() throws Exception {
    String merged =
        HEADER
            + ",Stock\r\n2017-01-03,1,2,0.5,1.5,100,0,ibm.us\r\n2017-01-04,1.5,2,1,1.75,200,0,ibm.us\r\n";
    Path file = write("data.csv", merged);
    int second =
        merged.indexOf("2017-01-03")
            + 3; // inside the first data line: the chunk begins with the next one
    List<Pair<SourcePosition, Text>> records = read(file, second, merged.length() - second);
    assertThat(records)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getFirst().firstLine()).isEqualTo(HEADER + ",Stock");
              assertThat(r.getFirst().firstOfFile()).isFalse();
            });
    assertThat(map(records)).extracting(Tick::close).containsExactly(1.75);
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    return file;
  }

  /** The records the input format gives for one chunk of a file, as a map task would see them. */
  private static List<Pair<SourcePosition, Text>> read(Path file, long start, long length)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set("fs.defaultFS", "file:///");
    TaskAttemptContext context = new TaskAttemptContextImpl(conf, new TaskAttemptID());
    CombineFileSplit split =
        new CombineFileSplit(
            new org.apache.hadoop.fs.Path[] {new org.apache.hadoop.fs.Path(file.toUri())},
            new long[] {start},
            new long[] {length},
            new String[0]);
    List<Pair<SourcePosition, Text>> out = new ArrayList<>();
    try (RecordReader<SourcePosition, Text> reader =
        new TickFilesInputFormat().createRecordReader(split, context)) {
      reader.initialize(split, context);
      while (reader.nextKeyValue()) {
        SourcePosition p = reader.getCurrentKey();
        out.add(
            new Pair<>(
                new SourcePosition(p.file(), p.firstLine(), p.rank(), p.offset(), p.firstOfFile()),
                new Text(reader.getCurrentValue())));
      }
    }
    return out;
  }

  private static List<Tick> map(List<Pair<SourcePosition, Text>> records) throws IOException {
    MapDriver<SourcePosition, Text, StockDateKey, TickWritable> driver =
        MapDriver.newMapDriver(new TicksMapper());
    records.forEach(r -> driver.withInput(r.getFirst(), r.getSecond()));
    return driver.run().stream().map(p -> p.getSecond().toTick(p.getFirst().stock())).toList();
  }
}
