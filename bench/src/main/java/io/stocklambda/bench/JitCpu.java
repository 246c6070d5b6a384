package io.stocklambda.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of a JVM's just-in-time compilers: the user plus system time of its threads named {@code
 * C1 CompilerThread<n>} and {@code C2 CompilerThread<n>} (HotSpot's), read from {@code
 * /proc/<pid>/task/<tid>/stat}, where Linux keeps a thread's name to its first 15 characters.
 *
 * <p>A sample holds each compiler thread's time, so that the CPU between two samples is counted per
 * thread ({@link #coresBetween}): HotSpot starts and stops extra compiler threads with the compile
 * queue's length (on more than 2 cores), and a thread stopped in between takes its time since the
 * last sample with it. That time is missed, so the figure is a lower bound.
 */
final class JitCpu {

  /** The prefix of a compiler thread's name as {@code /proc} keeps it (15 characters). */
  private static final String C1 = "C1 CompilerThre";

  private static final String C2 = "C2 CompilerThre";

  /**
   * Linux's clock tick, in which {@code /proc} counts CPU time ({@code USER_HZ}): 100 a second on
   * x86 and arm64.
   */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private JitCpu() {}

  /**
   * Whether this system has {@code /proc}'s per-thread files (Linux); if not, no sample holds any.
   */
  static boolean readable() {
    return Files.isDirectory(Path.of("/proc/self/task"));
  }

  /**
   * The clock ticks each compiler thread of {@code process} has used so far, by {@code
   * <pid>/<tid>}; empty for a process that has exited or is not a HotSpot JVM; null if they cannot
   * be read (no {@code /proc}, no permission, a stat line of another format).
   */
  static Map<String, Long> sample(ProcessHandle process) {
    if (!readable()) {
      return null;
    }
    Map<String, Long> out = new HashMap<>();
    Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        String line;
        try {
          line = Files.readString(thread.resolve("stat"));
        } catch (IOException e) {
          continue; // the thread ended between the listing and the read
        }
        long ticks = compilerTicks(line);
        if (ticks >= 0) {
          out.put(process.pid() + "/" + thread.getFileName(), ticks);
        }
      }
    } catch (NoSuchFileException e) {
      return process.isAlive() ? null : Map.of(); // gone, or hidden from this user
    } catch (IOException | UncheckedIOException e) {
      return process.isAlive() ? null : out; // ended while its threads were listed
    } catch (IllegalArgumentException e) {
      return null;
    }
    return out;
  }

  /** {@link #sample} of {@code process} and its descendants together; null if one's is. */
  static Map<String, Long> sampleTree(Process process) {
    return merged(Stream.concat(Stream.of(process.toHandle()), process.descendants()));
  }

  /** {@link #sample} of each process, together; null if one's is. */
  static Map<String, Long> merged(Stream<ProcessHandle> processes) {
    Map<String, Long> out = new HashMap<>();
    for (ProcessHandle h : (Iterable<ProcessHandle>) processes::iterator) {
      Map<String, Long> one = sample(h);
      if (one == null) {
        return null;
      }
      out.putAll(one);
    }
    return out;
  }

  /**
   * Cores the compiler threads used on average from {@code before} to {@code after}, {@code
   * wallNanos} apart: each thread in {@code after} counts its ticks less those it had in {@code
   * before} (all of them if it started since). NaN if either sample is null (not read).
   *
   * @throws IllegalArgumentException if {@code wallNanos} is not positive
   */
  static double coresBetween(Map<String, Long> before, Map<String, Long> after, long wallNanos) {
    if (wallNanos <= 0) {
      throw new IllegalArgumentException("the earlier sample is not earlier");
    }
    if (before == null || after == null) {
      return Double.NaN;
    }
    long ticks = 0;
    for (Map.Entry<String, Long> e : after.entrySet()) {
      ticks += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
    }
    return ticks * NANOS_PER_TICK / (double) wallNanos;
  }

  /** Cores to two decimals, or "?" if not read (NaN). */
  static String format(double cores) {
    return Double.isNaN(cores) ? "?" : String.format(java.util.Locale.ROOT, "%.2f", cores);
  }

  /**
   * Parses one {@code /proc/.../stat} line: {@code pid (comm) state ...}, where {@code comm} may
   * hold spaces and parentheses, so it ends at the last ')'; {@code utime} and {@code stime} are
   * the 12th and 13th fields after it.
   *
   * @return utime plus stime in clock ticks if {@code comm} is a compiler thread's, else -1
   * @throws IllegalArgumentException if the line is not a stat line
   */
  static long compilerTicks(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc stat line: " + line);
    }
    String comm = line.substring(open + 1, close);
    if (!comm.startsWith(C1) && !comm.startsWith(C2)) {
      return -1;
    }
    String[] fields = line.substring(close + 1).trim().split(" ");
    try {
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
      throw new IllegalArgumentException("not a /proc stat line: " + line, e);
    }
  }
}
