package io.stocklambda.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ingest component run for real: a child JVM, as bin/stocklambda starts it, that a test can
 * kill.
 */
public final class IngestProcess {

  private final Process process;
  private final Path log;

  private IngestProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static IngestProcess start(Path log, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                IngestMain.class.getName()));
    command.addAll(List.of(args));
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new IngestProcess(process, log);
  }

  /**
   * Runs to the end and returns the exit code, failing the test if it takes longer than the
   * deadline.
   */
  public static int run(Path log, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    IngestProcess p = start(log, args);
    return p.waitFor(timeoutSeconds);
  }

  public int waitFor(long timeoutSeconds) throws InterruptedException, IOException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "ingest did not finish in " + timeoutSeconds + " s; its log:\n" + output());
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
            "ingest exited ("
                + process.exitValue()
                + ") before printing '"
                + text
                + "'; its log:\n"
                + output());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "ingest did not print '"
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

  public String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }
}
