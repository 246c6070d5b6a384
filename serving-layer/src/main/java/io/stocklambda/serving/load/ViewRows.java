package io.stocklambda.serving.load;

import io.stocklambda.core.dataset.BatchViewInfo;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.json.MalformedRecordException;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.serving.LambdaMerge;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The rows of a batch view or a backfill as the serving loaders read them, the one reading both
 * share: {@code _VIEW.json}, then the {@code part-*} files in name order, one prediction per line,
 * each checked (a batch prediction dated at or below the view's horizon, by core's {@link
 * LambdaMerge}) and handed on in chunks.
 */
final class ViewRows {

  private static final JsonCodec<Prediction> PREDICTIONS = JsonCodec.of(Prediction.class);
  private static final JsonCodec<BatchViewInfo> VIEW_INFO = JsonCodec.of(BatchViewInfo.class);

  /** Takes one chunk of rows. */
  @FunctionalInterface
  interface ChunkSink {
    void accept(List<Prediction> chunk) throws IOException, InterruptedException;
  }

  private ViewRows() {}

  /**
   * Reads every row of {@code parts} and hands them to {@code sink} in chunks of {@code size} (the
   * last may be smaller; an empty view makes no call).
   *
   * @return the rows read
   * @throws IllegalArgumentException naming the file and line of a row that is not a batch
   *     prediction of this view
   */
  static long forEachChunk(
      FileSystem fs, List<Path> parts, BatchViewInfo info, int size, ChunkSink sink)
      throws IOException, InterruptedException {
    long rows = 0;
    List<Prediction> chunk = new ArrayList<>(size);
    for (Path part : parts) {
      try (InputStream in = fs.open(part);
          BufferedReader lines =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
        int lineNumber = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          lineNumber++;
          if (line.isBlank()) {
            continue;
          }
          chunk.add(parse(part, lineNumber, line, info));
          if (chunk.size() == size) {
            rows += chunk.size();
            sink.accept(chunk);
            chunk = new ArrayList<>(size);
          }
        }
      }
    }
    if (!chunk.isEmpty()) {
      rows += chunk.size();
      sink.accept(chunk);
    }
    return rows;
  }

  static Prediction parse(Path part, int lineNumber, String line, BatchViewInfo info) {
    Prediction p;
    try {
      p = PREDICTIONS.decode(line.getBytes(StandardCharsets.UTF_8));
    } catch (MalformedRecordException e) {
      throw new IllegalArgumentException(
          part + ":" + lineNumber + ": not a prediction: " + e.reason());
    }
    if (p.layer() != Layer.BATCH) {
      throw new IllegalArgumentException(
          part + ":" + lineNumber + ": a " + p.layer().id() + " prediction in a batch view");
    }
    if (LambdaMerge.layerFor(p.date(), info.horizon()) != Layer.BATCH) {
      throw new IllegalArgumentException(
          part
              + ":"
              + lineNumber
              + ": dated "
              + p.date()
              + ", after the view's horizon "
              + info.horizon());
    }
    return p;
  }

  static BatchViewInfo readInfo(FileSystem fs, Path dir) throws IOException {
    Path file = new Path(dir, BatchViewInfo.FILE);
    if (!fs.exists(file)) {
      throw new IllegalArgumentException(
          dir + " is not a complete batch view: no " + BatchViewInfo.FILE);
    }
    try (InputStream in = fs.open(file)) {
      return VIEW_INFO.decode(in.readAllBytes());
    } catch (MalformedRecordException e) {
      throw new IllegalArgumentException(file + ": " + e.reason());
    }
  }

  static List<Path> parts(FileSystem fs, Path dir) throws IOException {
    FileStatus[] files = fs.listStatus(dir, p -> p.getName().startsWith("part-"));
    return Arrays.stream(files)
        .map(FileStatus::getPath)
        .sorted(Comparator.comparing(Path::getName))
        .toList();
  }
}
