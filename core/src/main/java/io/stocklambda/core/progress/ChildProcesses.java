package io.stocklambda.core.progress;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The one way the project starts and stops child processes (component JVMs from the CLI, engines
 * from the embedded stack, the distribution's commands from the benchmarks): in the foreground with
 * this process's terminal, in the background with the output appended to a log and a session of its
 * own, or to completion with the output captured; stopped with SIGTERM, then SIGKILL after a grace
 * period.
 */
public final class ChildProcesses {

  private static final Path SETSID = Paths.get("/usr/bin/setsid");

  private ChildProcesses() {}

  /** The {@code java} of this JVM, for a child JVM of the same version. */
  public static String javaBinary() {
    return ProcessHandle.current()
        .info()
        .command()
        .filter(c -> c.endsWith("java"))
        .orElseGet(() -> Paths.get(System.getProperty("java.home"), "bin", "java").toString());
  }

  /**
   * The command run in a session of its own where {@code setsid} exists, so that Ctrl-C in the
   * terminal reaches only the process that started it (which stops its children in order).
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

  /**
   * Starts a command in the background, detached, its output (both streams) appended to {@code
   * log}, its input empty.
   *
   * @throws UncheckedIOException if it cannot be started
   */
  public static Process background(List<String> command, Path log) {
    return background(new ProcessBuilder(command), log);
  }

  /**
   * As {@link #background(List, Path)}, for a command whose environment the caller has set on
   * {@code builder}.
   */
  public static Process background(ProcessBuilder builder, Path log) {
    try {
      Path parent = log.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return builder
          .command(detached(builder.command()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start " + builder.command().get(0) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs a command in the foreground with this process's stdin, stdout and stderr and returns its
   * exit code. If this process is asked to stop meanwhile (Ctrl-C, SIGTERM), the child is stopped
   * too, cleanly first.
   */
  public static int foreground(List<String> command, Duration grace) throws InterruptedException {
    Process child;
    try {
      child = new ProcessBuilder(command).inheritIO().start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
    Thread stopper = new Thread(() -> stop(child.toHandle(), grace), "stop-child-" + child.pid());
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      return child.waitFor();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running and stops the child
      }
    }
  }

  /** What a command run to completion printed (both streams) and its exit code. */
  public record Completed(int exitCode, String output) {}

  /**
   * Runs a command to completion, its output captured.
   *
   * @throws IllegalStateException if it does not finish within {@code timeout} (it is killed)
   */
  public static Completed run(List<String> command, Duration timeout) throws InterruptedException {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish in " + timeout.toSeconds() + " s");
      }
      return new Completed(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
  }

  /**
   * SIGTERM, then up to {@code grace} for a clean stop, then SIGKILL.
   *
   * @return true if it stopped within the grace period
   */
  public static boolean stop(ProcessHandle process, Duration grace) {
    if (!process.isAlive()) {
      return true;
    }
    process.destroy();
    try {
      process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return false;
    } catch (Exception e) {
      process.destroyForcibly();
      try {
        process.onExit().get(10, TimeUnit.SECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      } catch (Exception ignored) {
        // reported by the caller through the return value
      }
      return false;
    }
  }

  /** Resident memory in bytes, from {@code /proc} where there is one. */
  public static OptionalLong residentBytes(long pid) {
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
}
