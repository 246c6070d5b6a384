package io.stocklambda.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time of a JVM's just-in-time compilers: the user plus system time of its threads named {@code
 * C1 CompilerThread<n>} and {@code C2 CompilerThread<n>} (HotSpot's), read from {@code
 * /proc/<pid>/task/<tid>/stat}, where Linux keeps a thread's name to its first 15 characters. A
 * compiler thread that HotSpot stopped (it starts and stops extra ones with the compile queue's
 * length) takes its time with it, so between two readings this is a lower bound. Zero for a process
 * that is not a HotSpot JVM, that has exited, or on a system without {@code /proc}.
 */
final class JitCpu {

  /** The prefix of a compiler thread's name as {@code /proc} keeps it (15 characters). */
  private static final String C1 = "C1 CompilerThre";

  private static final String C2 = "C2 CompilerThre";

  /** Linux's clock tick, in which {@code /proc} counts CPU time: 100 a second on every arch. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private JitCpu() {}

  /** The CPU time the compiler threads of {@code process} have used so far. */
  static Duration of(ProcessHandle process) {
    Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
    long ticks = 0;
    try (Stream<Path> threads = Files.list(tasks)) {
      for (Path thread : (Iterable<Path>) threads::iterator) {
        ticks += compilerTicks(thread.resolve("stat"));
      }
    } catch (NoSuchFileException e) {
      return Duration.ZERO; // gone, or no /proc
    } catch (IOException | RuntimeException e) {
      return Duration.ZERO;
    }
    return Duration.ofNanos(ticks * NANOS_PER_TICK);
  }

  /** A thread's user plus system ticks if it is a compiler thread, else 0. */
  private static long compilerTicks(Path stat) {
    String line;
    try {
      line = Files.readString(stat);
    } catch (IOException e) {
      return 0; // the thread ended between the listing and the read
    }
    return compilerTicks(line);
  }

  /**
   * Parses one {@code /proc/.../stat} line: {@code pid (comm) state ...}, where {@code comm} may
   * hold spaces and parentheses, so it ends at the last ')'; {@code utime} and {@code stime} are
   * the 12th and 13th fields after it.
   *
   * @return utime plus stime in clock ticks if {@code comm} is a compiler thread's, else 0
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
      return 0;
    }
    String[] fields = line.substring(close + 2).trim().split(" ");
    if (fields.length < 13) {
      throw new IllegalArgumentException("not a /proc stat line: " + line);
    }
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
