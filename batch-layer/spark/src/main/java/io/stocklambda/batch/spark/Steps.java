package io.stocklambda.batch.spark;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Times the named steps of a job, says when each starts and how long it took, and keeps the figures
 * for its report.
 */
final class Steps {

  private final PrintStream out;
  private final Map<String, Double> seconds = new LinkedHashMap<>();

  Steps(PrintStream out) {
    this.out = out;
  }

  <T> T time(String step, Supplier<T> work) {
    out.printf("  %s ...%n", step);
    long started = System.nanoTime();
    T result = work.get();
    double took = (System.nanoTime() - started) / 1e9;
    seconds.put(step, took);
    out.printf("  %s: %.1f s%n", step, took);
    return result;
  }

  /** Wall seconds per step, in the order they ran. */
  Map<String, Double> seconds() {
    return new LinkedHashMap<>(seconds);
  }

  static String describe(Map<String, Double> seconds) {
    return seconds.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
