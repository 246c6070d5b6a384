package io.stocklambda.core.csv;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What parsing saw besides ticks: files read, empty files skipped, blank lines, and malformed lines
 * skipped under {@link MalformedLinePolicy#SKIP}, with a bounded sample of the latter. Nothing is
 * dropped without being counted here. Thread-safe, so parallel readers may share one report.
 */
public final class ParseReport {

  /** How many malformed lines are kept verbatim; the rest are only counted. */
  public static final int MAX_SAMPLES = 20;

  private long files;
  private long rows;
  private long blankLines;
  private long malformedLines;
  private final List<Path> emptyFiles = new ArrayList<>();
  private final List<MalformedLineException> samples = new ArrayList<>();
  private final Consumer<MalformedLineException> listener;

  public ParseReport() {
    this(e -> {});
  }

  /**
   * A report that also hands every malformed line to {@code listener} as it is met, e.g. to print
   * it.
   */
  public ParseReport(Consumer<MalformedLineException> listener) {
    this.listener = java.util.Objects.requireNonNull(listener, "listener");
  }

  synchronized void fileOpened() {
    files++;
  }

  synchronized void rowsRead(long count) {
    rows += count;
  }

  synchronized void blankLine() {
    blankLines++;
  }

  synchronized void emptyFile(Path file) {
    emptyFiles.add(file);
  }

  void malformed(MalformedLineException e) {
    synchronized (this) {
      malformedLines++;
      if (samples.size() < MAX_SAMPLES) {
        samples.add(e);
      }
    }
    listener.accept(e);
  }

  public synchronized long files() {
    return files;
  }

  /** Valid ticks read so far (counted as each file is finished). */
  public synchronized long rows() {
    return rows;
  }

  public synchronized long blankLines() {
    return blankLines;
  }

  public synchronized long malformedLines() {
    return malformedLines;
  }

  /** Lines that were meant as data: valid rows and malformed lines. */
  public synchronized long dataLines() {
    return rows + malformedLines;
  }

  /** Files with no data row: zero bytes, or a header and nothing else. They are skipped. */
  public synchronized List<Path> emptyFiles() {
    return List.copyOf(emptyFiles);
  }

  public synchronized List<MalformedLineException> malformedSamples() {
    return List.copyOf(samples);
  }

  /** Multi-line account for logs and CLI summaries. */
  public synchronized String describe() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "%,d files, %,d rows, %,d empty files skipped, %,d malformed lines skipped, %,d blank lines",
            files, rows, emptyFiles.size(), malformedLines, blankLines));
    for (Path empty : emptyFiles) {
      out.append(System.lineSeparator()).append("  empty file: ").append(empty);
    }
    for (MalformedLineException e : samples) {
      out.append(System.lineSeparator()).append("  malformed: ").append(e.getMessage());
    }
    if (malformedLines > samples.size()) {
      out.append(System.lineSeparator())
          .append("  ... and ")
          .append(malformedLines - samples.size())
          .append(" more malformed lines");
    }
    return out.toString();
  }
}
