package io.stocklambda.embedded.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Written by an engine once its own client has reached it, so the stack waits for real readiness;
 * removed when the engine stops. One line: {@code <pid> <millis from JVM start to ready>}.
 */
public final class ReadyFile {

  private ReadyFile() {}

  public static void write(Path file, long pid, long readyMillis) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, pid + " " + readyMillis + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write ready file " + file, e);
    }
  }

  /** The pid and milliseconds to ready, if the file is there. */
  public static Optional<long[]> read(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
      return Optional.of(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // being written: not ready yet
    }
  }

  public static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a stale file is harmless: the stack checks the pid too
    }
  }
}
