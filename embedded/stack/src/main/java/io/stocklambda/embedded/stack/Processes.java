package io.stocklambda.embedded.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** Process chores of the stack: detaching, recognizing ours by pid, stopping, measuring. */
public final class Processes {

  private static final Path SETSID = Paths.get("/usr/bin/setsid");

  private Processes() {}

  /**
   * Runs the command in a session of its own where {@code setsid} exists, so that Ctrl-C in the
   * terminal that started the stack does not reach the engines.
   */
  public static List<String> detached(List<String> command) {
    if (!Files.isExecutable(SETSID)) {
      return command;
    }
    List<String> out = new ArrayList<>(command.size() + 1);
    out.add(SETSID.toString());
    out.addAll(command);
    return out;
  }

  /** The live process with this pid, if its command line still names this marker (not a reused pid). */
  static Optional<ProcessHandle> ours(long pid, String marker) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(true));
  }

  /**
   * SIGTERM, then up to {@code grace} for a clean stop, then SIGKILL.
   *
   * @return true if it stopped within the grace period
   */
  static boolean stop(ProcessHandle process, Duration grace) {
    if (!process.isAlive()) {
      return true;
    }
    process.destroy();
    try {
      process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (Exception e) {
      process.destroyForcibly();
      try {
        process.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // reported by the caller through the return value
      }
      return false;
    }
  }

  /** Resident memory in bytes, from {@code /proc} where there is one. */
  static OptionalLong residentBytes(long pid) {
    Path status = Paths.get("/proc", Long.toString(pid), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  /** The last lines of a log, to explain a process that died. */
  static String tail(Path log, int lines) {
    try {
      if (!Files.isRegularFile(log)) {
        return "(no log at " + log + ")";
      }
      List<String> all = Files.readAllLines(log);
      return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
