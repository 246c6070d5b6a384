package io.stocklambda.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A component's main run for real in a child JVM of the test classpath, as {@code bin/stocklambda}
 * starts it, its output appended to a log: a test can wait for it, wait for a line of its log, or
 * kill it (SIGKILL, as a crash).
 */
public final class ChildJvm {

  private final Process process;
  private final Path log;
  private final String name;

  private ChildJvm(Process process, Path log, String name) {
    this.process = process;
    this.log = log;
    this.name = name;
  }

  /** Starts {@code main} with {@code args}, its output appended to {@code log}. */
  public static ChildJvm start(Class<?> main, Path log, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(List.of(args));
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new ChildJvm(process, log, main.getSimpleName());
  }

  /**
   * Runs to the end and returns the exit code, failing the test if it takes longer than the
   * deadline.
   */
  public static int run(Class<?> main, Path log, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    ChildJvm p = start(main, log, args);
    return p.waitFor(timeoutSeconds);
  }

  public int waitFor(long timeoutSeconds) throws InterruptedException, IOException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          name + " did not finish in " + timeoutSeconds + " s; its log:\n" + output());
    }
    return process.exitValue();
  }

  /**
   * Waits until the log holds {@code text}, failing the test if the process exits first or the
   * deadline passes; for a test that must act at a known point of a running process.
   */
  public void awaitOutput(String text, long timeoutSeconds)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (!output().contains(text)) {
      if (!process.isAlive()) {
        throw new AssertionError(
            name
                + " exited ("
                + process.exitValue()
                + ") before printing '"
                + text
                + "'; its log:\n"
                + output());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            name
                + " did not print '"
                + text
                + "' in "
                + timeoutSeconds
                + " s; its log:\n"
                + output());
      }
      Thread.sleep(200);
    }
  }

  /** SIGKILL: no shutdown hook, no flush, as a crash. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** The child process itself. */
  public Process process() {
    return process;
  }

  public String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }
}
