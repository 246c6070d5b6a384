package io.stocklambda.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time of the processes a benchmark runs on, by component (a layer started through {@code
 * bin/stocklambda} counts with its descendants: the command line's JVM and the component's JVM it
 * starts), read from {@link ProcessHandle.Info#totalCpuDuration()} (user plus system time; on Linux
 * from {@code /proc/<pid>/stat}). Between two readings it gives each component's cores in use on
 * average: 1.0 is one core busy for the whole interval. Where no process of a component is found,
 * or the platform does not tell, its time counts as zero.
 */
final class ProcessCpu {

  /** Components in the order they are reported. */
  private final Map<String, Supplier<Stream<ProcessHandle>>> components;

  /**
   * @param components name to the component's processes (found again at each reading); a process
   *     listed twice is counted twice
   */
  ProcessCpu(Map<String, Supplier<Stream<ProcessHandle>>> components) {
    this.components = new LinkedHashMap<>(components);
  }

  /**
   * This JVM (alone, not its children), the layers it started (by name, with their descendants) and
   * the engines of the stack in {@code stackDir} (kafka, hdfs, hbase, elasticsearch: the Java
   * processes whose command line names their directory, as {@link ProcessMemory.EngineMemory} finds
   * them).
   */
  static ProcessCpu ofRun(Map<String, Process> layers, Path stackDir) {
    Map<String, Supplier<Stream<ProcessHandle>>> components = new LinkedHashMap<>();
    components.put("bench", () -> Stream.of(ProcessHandle.current()));
    layers.forEach(
        (name, process) ->
            components.put(
                name, () -> Stream.concat(Stream.of(process.toHandle()), process.descendants())));
    for (String engine : ProcessMemory.ENGINES) {
      components.put(engine, () -> ProcessMemory.engineProcesses(stackDir, engine));
    }
    return new ProcessCpu(components);
  }

  /** Component names, in report order. */
  List<String> names() {
    return new ArrayList<>(components.keySet());
  }

  /**
   * Each component's CPU time so far, its JIT compilers' threads' ({@link JitCpu#sample}, every
   * component's together; null if not read), and when it was read.
   */
  record Reading(long nanoTime, Map<String, Duration> cpu, Map<String, Long> jit) {

    /** A reading without the compilers'. */
    Reading(long nanoTime, Map<String, Duration> cpu) {
      this(nanoTime, cpu, null);
    }

    /**
     * Cores the JIT compilers of every component used together on average from {@code earlier} to
     * this reading ({@link JitCpu#coresBetween}, a lower bound); NaN if either was read without
     * them, or where they cannot be read.
     *
     * @throws IllegalArgumentException if {@code earlier} was not read before this one
     */
    double jitCoresSince(Reading earlier) {
      if (nanoTime - earlier.nanoTime <= 0) {
        throw new IllegalArgumentException("the earlier reading is not earlier");
      }
      return JitCpu.coresBetween(earlier.jit, jit, nanoTime - earlier.nanoTime);
    }

    /**
     * Cores each component used on average from {@code earlier} to this reading (CPU time over wall
     * time); a component missing from either reading counts as zero.
     *
     * @throws IllegalArgumentException if {@code earlier} was not read before this one
     */
    Map<String, Double> coresSince(Reading earlier) {
      long wall = nanoTime - earlier.nanoTime;
      if (wall <= 0) {
        throw new IllegalArgumentException("the earlier reading is not earlier");
      }
      Map<String, Double> out = new LinkedHashMap<>();
      cpu.forEach(
          (name, time) -> {
            Duration before = earlier.cpu.getOrDefault(name, Duration.ZERO);
            out.put(name, Math.max(0, time.minus(before).toNanos()) / (double) wall);
          });
      return out;
    }
  }

  /**
   * Reads every component's CPU time, and its JIT compilers' (null if one process's cannot be
   * read), now.
   */
  Reading read() {
    Map<String, Duration> cpu = new LinkedHashMap<>();
    List<ProcessHandle> all = new ArrayList<>();
    components.forEach(
        (name, roots) -> {
          List<ProcessHandle> processes = roots.get().toList();
          all.addAll(processes);
          cpu.put(
              name,
              processes.stream()
                  .map(h -> h.info().totalCpuDuration().orElse(Duration.ZERO))
                  .reduce(Duration.ZERO, Duration::plus));
        });
    return new Reading(System.nanoTime(), cpu, JitCpu.merged(all.stream()));
  }
}
