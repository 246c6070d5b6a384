package io.stocklambda.batch.mapreduce;

import io.stocklambda.core.csv.LineEndings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.SplittableCompressionCodec;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.CombineFileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.CombineFileRecordReader;
import org.apache.hadoop.mapreduce.lib.input.CombineFileSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.LineRecordReader;

/**
 * The master dataset as map input: many small files packed into one split up to {@code
 * mapreduce.input.fileinputformat.split.maxsize} (so the 8,500 files of the Kaggle set make a
 * handful of map tasks, not 8,500), and large files cut into splits of that size. Lines follow
 * core's {@link LineEndings} contract: only LF ends a line, so a lone CR (a merged {@code data.csv}
 * made by concatenating CRLF files) stays inside its line, where the parser trims it.
 *
 * <p>Keys are {@link SourcePosition}s: each line carries its file's first line and rank, which the
 * mapper needs to parse it wherever the split starts.
 */
public final class TickFilesInputFormat extends CombineFileInputFormat<SourcePosition, Text> {

  /** Longest first line read to find a file's layout. */
  private static final int MAX_FIRST_LINE = 64 * 1024;

  @Override
  protected boolean isSplitable(JobContext context, Path file) {
    CompressionCodec codec = new CompressionCodecFactory(context.getConfiguration()).getCodec(file);
    return codec == null || codec instanceof SplittableCompressionCodec;
  }

  @Override
  public RecordReader<SourcePosition, Text> createRecordReader(
      InputSplit split, TaskAttemptContext context) throws IOException {
    return new CombineFileRecordReader<>((CombineFileSplit) split, context, ChunkReader.class);
  }

  /** The lines of one file's chunk of a combined split. */
  public static final class ChunkReader extends RecordReader<SourcePosition, Text> {

    private final FileSplit chunk;
    private final LineRecordReader lines =
        new LineRecordReader(LineEndings.DELIMITER.getBytes(StandardCharsets.US_ASCII));
    private final SourcePosition key = new SourcePosition();
    private boolean firstPending;

    /**
     * The constructor {@link CombineFileRecordReader} calls, for the {@code index}-th file of the
     * split.
     */
    public ChunkReader(CombineFileSplit split, TaskAttemptContext context, Integer index)
        throws IOException {
      this.chunk =
          new FileSplit(
              split.getPath(index),
              split.getOffset(index),
              split.getLength(index),
              split.getLocations());
    }

    @Override
    public void initialize(InputSplit ignored, TaskAttemptContext context) throws IOException {
      Path file = chunk.getPath();
      FileSystem fs = file.getFileSystem(context.getConfiguration());
      long rank = -fs.getFileStatus(file).getModificationTime();
      lines.initialize(chunk, context);
      String first;
      if (chunk.getStart() == 0) {
        first = nextNonBlank();
        firstPending = first != null;
      } else {
        first = firstLineOf(fs, file, context);
      }
      key.setFile(file.toString(), first, rank);
    }

    /**
     * Advances to the file's first non-blank line; it stays the current value for the first {@link
     * #nextKeyValue}.
     */
    private String nextNonBlank() throws IOException {
      while (lines.nextKeyValue()) {
        String text =
            LineEndings.strip(lines.getCurrentValue().toString(), lines.getCurrentKey().get() == 0);
        if (!text.isBlank()) {
          return text;
        }
      }
      return null;
    }

    private static String firstLineOf(FileSystem fs, Path file, TaskAttemptContext context)
        throws IOException {
      CompressionCodec codec =
          new CompressionCodecFactory(context.getConfiguration()).getCodec(file);
      try (FSDataInputStream raw = fs.open(file);
          BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(
                      codec == null ? raw : codec.createInputStream(raw),
                      StandardCharsets.UTF_8))) {
        boolean start = true;
        for (String line = readLine(in); line != null; line = readLine(in)) {
          String text = LineEndings.strip(line, start);
          start = false;
          if (!text.isBlank()) {
            return text;
          }
        }
        return null;
      }
    }

    /**
     * A line up to LF only (BufferedReader.readLine would also end one at a lone CR), at most
     * {@link #MAX_FIRST_LINE} chars.
     */
    private static String readLine(BufferedReader in) throws IOException {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        if (line.length() < MAX_FIRST_LINE) {
          line.append((char) c);
        }
      }
      return c < 0 && line.length() == 0 ? null : line.toString();
    }

    @Override
    public boolean nextKeyValue() throws IOException {
      if (firstPending) {
        firstPending = false;
        key.at(lines.getCurrentKey().get(), true);
        return true;
      }
      if (!lines.nextKeyValue()) {
        return false;
      }
      key.at(lines.getCurrentKey().get(), false);
      return true;
    }

    @Override
    public SourcePosition getCurrentKey() {
      return key;
    }

    @Override
    public Text getCurrentValue() {
      return lines.getCurrentValue();
    }

    @Override
    public float getProgress() throws IOException {
      return lines.getProgress();
    }

    @Override
    public void close() throws IOException {
      lines.close();
    }
  }
}
