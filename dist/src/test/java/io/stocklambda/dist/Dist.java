package io.stocklambda.dist;

import io.stocklambda.embedded.runtime.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The distribution the build made, run as a user runs it: {@code bin/stocklambda}. */
final class Dist {

  static final Path HOME =
      Paths.get(System.getProperty("stocklambda.dist", "target/stocklambda")).toAbsolutePath();

  record Result(int exit, String out, String err) {}

  private Dist() {}

  /** Runs a command to its end (5 minutes at most), its output captured under {@code dir}. */
  static Result run(Path dir, String... args) throws IOException, InterruptedException {
    return run(dir, 5, args);
  }

  /** Runs a command to its end ({@code minutes} at most), its output captured under {@code dir}. */
  static Result run(Path dir, int minutes, String... args)
      throws IOException, InterruptedException {
    return run(dir, minutes, Map.of(), args);
  }

  /** As {@link #run(Path, int, String...)}, with more environment variables. */
  static Result run(Path dir, int minutes, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path stdout = Files.createTempFile(dir, "out", ".txt");
    Path stderr = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command(args))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.destroy();
      process.waitFor(60, TimeUnit.SECONDS);
      process.destroyForcibly();
      throw new AssertionError(
          "stocklambda "
              + String.join(" ", args)
              + " did not finish in "
              + minutes
              + " minutes; its output: "
              + Files.readString(stdout, StandardCharsets.UTF_8));
    }
    return new Result(
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  /** Starts a long-running command, its output and errors in {@code log}. */
  static Process start(Path log, String... args) throws IOException {
    Files.createDirectories(log.getParent());
    return new ProcessBuilder(command(args))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** Stops a started command as Ctrl-C would, then waits for it. */
  static boolean stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return false;
    }
    return true;
  }

  private static List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(HOME.resolve("bin/stocklambda").toString());
    command.addAll(List.of(args));
    return command;
  }

  /** Ports for a test's stack, below the kernel's ephemeral range ({@link FreePorts}). */
  static int[] freePorts(int n) {
    return FreePorts.take(n);
  }
}
