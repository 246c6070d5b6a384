package io.stocklambda.cli.demo;

import io.stocklambda.embedded.stack.EmbeddedStack;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/** The demo's directory: a demo's only if it holds {@link #MARKER}, replaced only then. */
final class DemoHome {

  /** Marks a directory as a demo's, so that --fresh never deletes anything else. */
  static final String MARKER = ".stocklambda-demo";

  private DemoHome() {}

  /**
   * Refuses to mix with a previous demo's data, or (with {@code fresh}) removes it, then marks
   * {@code home} as this demo's.
   *
   * @throws IllegalArgumentException if {@code home} holds something else, or a previous demo's
   *     stack still runs and {@code fresh} is not given
   */
  static void prepare(Path home, EmbeddedStack stack, boolean fresh, PrintStream out) {
    boolean exists = Files.isDirectory(home) && !isEmpty(home);
    if (exists && !Files.exists(home.resolve(MARKER))) {
      throw new IllegalArgumentException(
          home + " is not empty and is not a demo's directory; choose another --dir");
    }
    boolean running = exists && stack.state().map(st -> !st.engines().isEmpty()).orElse(false);
    if (running && !fresh) {
      throw new IllegalArgumentException(
          "the previous demo in "
              + home
              + " still runs its stack (--keep-stack); add --fresh to stop "
              + "and replace it, or choose another --dir");
    }
    if (exists) {
      out.println(
          "replacing the previous demo in " + home + " (another --dir keeps a demo's data)");
      if (running) {
        stack.down();
      }
      deleteTree(home);
    }
    try {
      Files.createDirectories(home);
      Files.writeString(home.resolve(MARKER), "stocklambda demo " + Instant.now() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + home, e);
    }
    out.println("stocklambda demo in " + home);
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
