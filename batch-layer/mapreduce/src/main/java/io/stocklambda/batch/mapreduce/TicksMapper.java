package io.stocklambda.batch.mapreduce;

import io.stocklambda.core.csv.TickLineParser;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.tick.Tick;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses the lines of one master-dataset file with core's parser, keyed for the secondary sort.
 * The file's own first line (its header, for a split that does not start the file too) gives the
 * layout; its name gives the symbol; its modification time ranks it among duplicates.
 */
public final class TicksMapper extends Mapper<LongWritable, Text, StockDateKey, TickWritable> {

  private static final Logger LOG = LoggerFactory.getLogger(TicksMapper.class);
  private static final int LOGGED_MALFORMED = 10;

  private final StockDateKey key = new StockDateKey();
  private final TickWritable value = new TickWritable();
  private TickLineParser parser;
  private Path file;
  private long sourceRank;
  private int malformedLogged;

  @Override
  protected void setup(Context context) throws IOException {
    file = ((FileSplit) context.getInputSplit()).getPath();
    FileSystem fs = file.getFileSystem(context.getConfiguration());
    FileStatus status = fs.getFileStatus(file);
    sourceRank = -status.getModificationTime();
    try (FSDataInputStream in = fs.open(file);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String first = reader.readLine();
      while (first != null && first.isBlank()) {
        first = reader.readLine();
      }
      parser = first == null ? null : TickLineParser.forFile(first.strip(), TickSource.symbolOf(java.nio.file.Path.of(file.getName())));
    } catch (IllegalArgumentException e) {
      context.getCounter(TrainingSetCounters.UNREADABLE_FILES).increment(1);
      LOG.warn("{}: {}; its lines are skipped", file, e.getMessage());
      parser = null;
    }
  }

  @Override
  protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
    String text = line.toString().strip();
    if (parser == null || text.isEmpty()) {
      return;
    }
    if (TickLineParser.isHeader(text)) {
      context.getCounter(TrainingSetCounters.HEADER_LINES).increment(1);
      return;
    }
    Tick tick;
    try {
      tick = parser.parse(text);
    } catch (IllegalArgumentException e) {
      context.getCounter(TrainingSetCounters.MALFORMED_LINES).increment(1);
      if (malformedLogged++ < LOGGED_MALFORMED) {
        LOG.warn("{} at byte {}: {} in '{}'", file, offset.get(), e.getMessage(), text);
      }
      return;
    }
    context.getCounter(TrainingSetCounters.TICKS).increment(1);
    key.set(tick.stock(), tick.date().toEpochDay(), sourceRank);
    value.set(tick);
    context.write(key, value);
  }
}
