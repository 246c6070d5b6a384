package io.stocklambda.core.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Entry points for reading tick CSV files: finding them, and opening one as a stream of ticks. */
public final class TickCsv {

  /** Block size for reading one file front to back with the file kept open. */
  static final int SEQUENTIAL_BLOCK = 64 * 1024;

  private TickCsv() {}

  /** Opens one file for a front-to-back read in constant memory. */
  public static TickReader read(TickSource source, MalformedLinePolicy policy, ParseReport report) {
    return new TickReader(
        source, new LineReader(source.path(), SEQUENTIAL_BLOCK, true), policy, report);
  }

  /**
   * Opens one file of many held at once (a merge): it reads through a block of the given size and
   * reopens the file for each block, so it holds no file descriptor between reads.
   */
  public static TickReader readInBlocks(
      TickSource source, MalformedLinePolicy policy, ParseReport report, int blockSize) {
    return new TickReader(source, new LineReader(source.path(), blockSize, false), policy, report);
  }

  /**
   * The tick files of an input: the file itself, or every {@code .txt} and {@code .csv} file under
   * a directory (recursively, so a Kaggle download's {@code Stocks/} and {@code ETFs/} are both
   * found), in path order. Hidden files are ignored.
   *
   * @throws IllegalArgumentException if the input does not exist or holds no tick file
   */
  public static List<TickSource> discover(Path input) {
    if (!Files.exists(input)) {
      throw new IllegalArgumentException("input does not exist: " + input);
    }
    if (Files.isRegularFile(input)) {
      return List.of(TickSource.of(input));
    }
    try (Stream<Path> walk = Files.walk(input)) {
      List<TickSource> sources =
          walk.filter(Files::isRegularFile)
              .filter(TickCsv::isTickFile)
              .sorted(Comparator.comparing(Path::toString))
              .map(TickSource::of)
              .toList();
      if (sources.isEmpty()) {
        throw new IllegalArgumentException("no .txt or .csv tick files under " + input);
      }
      return sources;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + input, e);
    }
  }

  private static boolean isTickFile(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return !name.startsWith(".") && (name.endsWith(".txt") || name.endsWith(".csv"));
  }
}
