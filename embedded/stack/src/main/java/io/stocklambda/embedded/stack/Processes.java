package io.stocklambda.embedded.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Process chores of the stack beyond core's {@code ChildProcesses}: recognizing ours by pid,
 * reading a log's end.
 */
public final class Processes {

  private Processes() {}

  /**
   * The live process with this pid, if its command line still names this marker (not a reused pid).
   */
  static Optional<ProcessHandle> ours(long pid, String marker) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(true));
  }

  /** The last lines of a log, to explain a process that died. */
  static String tail(Path log, int lines) {
    try {
      if (!Files.isRegularFile(log)) {
        return "(no log at " + log + ")";
      }
      List<String> all = Files.readAllLines(log);
      return String.join(
          System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
