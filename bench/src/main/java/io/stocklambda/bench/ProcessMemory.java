package io.stocklambda.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Peak resident memory of the processes a benchmark runs: a child and its descendants, and the
 * stack's engines.
 */
final class ProcessMemory {

  private ProcessMemory() {}

  /**
   * The largest VmHWM (peak resident set) of a process and its descendants, polled until stopped.
   */
  static final class PeakMemory {
    private final Thread poller;
    private final Map<Long, Long> peaks = new HashMap<>();
    private volatile boolean done;

    PeakMemory(ProcessHandle root) {
      poller =
          new Thread(
              () -> {
                while (!done) {
                  root.descendants().forEach(h -> record(h.pid()));
                  record(root.pid());
                  try {
                    Thread.sleep(200);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "peak-memory");
      poller.setDaemon(true);
      poller.start();
    }

    private synchronized void record(long pid) {
      long hwm = vmHwm(pid);
      if (hwm > 0) {
        peaks.merge(pid, hwm, Math::max);
      }
    }

    void stop() throws InterruptedException {
      done = true;
      poller.join();
    }

    /**
     * The largest peak of any one process: the component's JVM (the CLI's own JVM is far smaller).
     */
    synchronized long bytes() {
      return peaks.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
  }

  /**
   * The engines of a stack (processes whose command line names its directory) and their peak memory
   * so far.
   */
  static final class EngineMemory {
    private final Path dir;

    EngineMemory(Path dir) {
      this.dir = dir;
    }

    Map<String, Long> peaks() {
      Map<String, Long> out = new LinkedHashMap<>();
      for (String engine : ENGINES) {
        engineProcesses(dir, engine).forEach(h -> out.merge(engine, vmHwm(h.pid()), Math::max));
      }
      return out;
    }
  }

  /** The engines a stack runs as processes of their own. */
  static final List<String> ENGINES = List.of("kafka", "hdfs", "hbase", "elasticsearch");

  /**
   * An engine's Java processes in the stack in {@code dir}: those whose command line names the
   * engine's directory, {@code <dir>/<engine>}.
   */
  static java.util.stream.Stream<ProcessHandle> engineProcesses(Path dir, String engine) {
    String marker = dir.resolve(engine).toString();
    return ProcessHandle.allProcesses()
        .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(false));
  }

  /** Peak resident set size of a process in bytes (Linux's VmHWM), or 0 when unknown. */
  static long vmHwm(long pid) {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone, or not Linux
    }
    return 0;
  }
}
