package io.stocklambda.bench;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Rates of a case run several times in one JVM: unmeasured runs first for the JIT, then each
 * measured run's items per second.
 *
 * @param items items one run handled (the last run's)
 * @param rates items/s of each measured run
 */
record RateMeasure(String name, long items, double[] rates) {

  /**
   * Runs {@code run} {@code warmup} times, then {@code iterations} times measured.
   *
   * @param run one pass over the case's input, returning how many items it handled
   */
  static RateMeasure of(String name, int warmup, int iterations, LongSupplier run) {
    for (int i = 0; i < warmup; i++) {
      run.getAsLong();
    }
    double[] rates = new double[iterations];
    long items = 0;
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      items = run.getAsLong();
      rates[i] = items / ((System.nanoTime() - start) / 1e9);
    }
    return new RateMeasure(name, items, rates);
  }

  double median() {
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  double min() {
    return Arrays.stream(rates).min().orElse(0);
  }

  double max() {
    return Arrays.stream(rates).max().orElse(0);
  }
}
