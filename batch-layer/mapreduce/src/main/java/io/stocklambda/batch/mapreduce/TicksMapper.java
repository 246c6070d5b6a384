package io.stocklambda.batch.mapreduce;

import io.stocklambda.core.csv.LineEndings;
import io.stocklambda.core.csv.TickLineParser;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.tick.Tick;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * Parses the lines of the master dataset with core's parser, keyed for the secondary sort. Each
 * line's {@link SourcePosition} gives its file's layout (from the file's first line) and symbol
 * (from its name), and its rank among duplicates. Malformed lines are counted, and the first ones
 * of each task written to {@code _malformed/} in the task's output (committed with it, so the job's
 * output holds them), for the driver to show; readers of the set skip {@code _} directories.
 */
public final class TicksMapper extends Mapper<SourcePosition, Text, StockDateKey, TickWritable> {

  /** The directory of the job's output that holds the first malformed lines of each map task. */
  public static final String MALFORMED_DIR = "_malformed";

  /** Malformed lines written per map task; the rest are only counted. */
  static final int SAMPLES_PER_TASK = 10;

  private final StockDateKey key = new StockDateKey();
  private final TickWritable value = new TickWritable();
  private final List<String> samples = new ArrayList<>();
  private String file;
  private TickLineParser parser;
  private String unreadable;
  private Counter ticks;
  private Counter malformed;
  private Counter bytes;

  @Override
  protected void setup(Context context) {
    ticks = context.getCounter(TrainingSetCounters.TICKS);
    malformed = context.getCounter(TrainingSetCounters.MALFORMED_LINES);
    bytes = context.getCounter(TrainingSetCounters.INPUT_BYTES);
  }

  @Override
  protected void map(SourcePosition position, Text line, Context context)
      throws IOException, InterruptedException {
    bytes.increment(line.getLength() + 1L);
    if (!Objects.equals(position.file(), file)) {
      startFile(position, context);
    }
    String text = LineEndings.strip(line.toString(), position.offset() == 0);
    if (text.isBlank()) {
      return;
    }
    if (unreadable != null) {
      malformed(position, unreadable, text, context);
      return;
    }
    if (position.firstOfFile() && TickLineParser.isHeader(text)) {
      context.getCounter(TrainingSetCounters.HEADER_LINES).increment(1);
      return;
    }
    Tick tick;
    try {
      tick = parser.parse(text);
    } catch (IllegalArgumentException e) {
      malformed(position, e.getMessage(), text, context);
      return;
    }
    ticks.increment(1);
    key.set(tick.stock(), tick.date().toEpochDay(), position.rank(), position.offset());
    value.set(tick);
    context.write(key, value);
  }

  /**
   * The parser of a new file, from its first line; a file whose header cannot be read has every
   * line malformed.
   */
  private void startFile(SourcePosition position, Context context) {
    file = position.file();
    unreadable = null;
    parser = null;
    String symbol =
        TickSource.symbolOf(java.nio.file.Path.of(new org.apache.hadoop.fs.Path(file).getName()));
    try {
      parser =
          position.firstLine() == null
              ? null
              : TickLineParser.forFile(position.firstLine(), symbol);
    } catch (IllegalArgumentException e) {
      unreadable = "unreadable file: " + e.getMessage();
      context.getCounter(TrainingSetCounters.UNREADABLE_FILES).increment(1);
    }
  }

  private void malformed(SourcePosition position, String reason, String text, Context context) {
    malformed.increment(1);
    if (samples.size() < SAMPLES_PER_TASK) {
      samples.add(
          position.file()
              + " at byte "
              + position.offset()
              + ": "
              + reason
              + " in '"
              + shorten(text)
              + "'");
    }
  }

  /** The first malformed lines this task met, in the order met. */
  List<String> samples() {
    return List.copyOf(samples);
  }

  private static String shorten(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "...";
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    if (samples.isEmpty() || context.getConfiguration().get(FileOutputFormat.OUTDIR) == null) {
      return; // nothing to show, or no output to show it in (a harness)
    }
    Path work = FileOutputFormat.getWorkOutputPath(context);
    Path file =
        new Path(new Path(work, MALFORMED_DIR), context.getTaskAttemptID().getTaskID().toString());
    try (OutputStream out = file.getFileSystem(context.getConfiguration()).create(file, true)) {
      out.write((String.join("\n", samples) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }
}
