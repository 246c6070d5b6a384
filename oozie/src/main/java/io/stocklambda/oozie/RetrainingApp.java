package io.stocklambda.oozie;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The retraining application as this build ships it: {@code workflow.xml} (one run of the batch
 * layer, each step a shell action running the distribution's {@code bin/stocklambda}) and {@code
 * coordinator.xml} (daily after the US close, once the day's archived ticks are complete), from
 * this component's jar.
 */
public final class RetrainingApp {

  /** The application's files, in the order they are written. */
  public static final List<String> FILES = List.of("workflow.xml", "coordinator.xml");

  /** The coordinator's name (its {@code coordinator-app} element's). */
  public static final String COORDINATOR = "stocklambda-retrain-daily";

  /** The prefix of every workflow run's name: {@code stocklambda-retrain-<run>}. */
  public static final String WORKFLOW_PREFIX = "stocklambda-retrain-";

  private RetrainingApp() {}

  /** The files by name. */
  public static Map<String, byte[]> files() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : FILES) {
      try (InputStream in = RetrainingApp.class.getResourceAsStream("app/" + name)) {
        if (in == null) {
          throw new IllegalStateException(
              "the Oozie application's " + name + " is missing from the jar");
        }
        files.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /** Writes the files into a local directory. */
  public static void writeTo(java.nio.file.Path dir) throws IOException {
    Files.createDirectories(dir);
    for (var file : files().entrySet()) {
      Files.write(dir.resolve(file.getKey()), file.getValue());
    }
  }

  /**
   * Replaces the application in {@code dir} on {@code fs}: the files are written beside it first
   * and the directory is swapped by rename, so a coordinator never sees half an application.
   *
   * @return the files written
   */
  public static List<String> deploy(FileSystem fs, Path dir) throws IOException {
    Path staging = new Path(dir.getParent(), "." + dir.getName() + "-" + System.nanoTime());
    fs.mkdirs(staging);
    for (var file : files().entrySet()) {
      try (OutputStream out = fs.create(new Path(staging, file.getKey()), true)) {
        out.write(file.getValue());
      }
    }
    if (fs.exists(dir) && !fs.delete(dir, true)) {
      throw new IOException("cannot replace " + dir);
    }
    if (!fs.rename(staging, dir)) {
      throw new IOException("cannot move " + staging + " to " + dir);
    }
    return FILES;
  }
}
