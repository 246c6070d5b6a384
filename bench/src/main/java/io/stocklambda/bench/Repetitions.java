package io.stocklambda.bench;

import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import java.util.function.LongSupplier;

/**
 * The {@code --iterations} and {@code --warmup} options of the benchmarks that run each case
 * several times in one JVM ({@code bench parse}, {@code bench codec}), an airline module.
 */
public final class Repetitions {

  @Option(
      name = "--iterations",
      title = "iterations",
      description = "Measured runs of each case (default 5)")
  @IntegerRange(min = 1)
  int iterations = 5;

  @Option(
      name = "--warmup",
      title = "warmup",
      description = "Unmeasured runs first, for the JIT (default 2)")
  @IntegerRange(min = 0)
  int warmup = 2;

  /** Runs a case {@link #warmup} times unmeasured, then {@link #iterations} times measured. */
  RateMeasure measure(String name, LongSupplier run) {
    return RateMeasure.of(name, warmup, iterations, run);
  }
}
