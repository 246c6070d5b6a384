package io.stocklambda.core.feature;

import io.stocklambda.core.tick.Tick;
import io.stocklambda.core.window.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * Scale-free features of a window, comparable across a $0.05 penny stock and a $500 blue chip.
 *
 * <p>For a window of n ticks (closes c<sub>1</sub>..c<sub>n</sub>, oldest first), version 1 is:
 *
 * <ul>
 *   <li>{@code logret_0 .. logret_(n-2)}: log returns, most recent first ({@code logret_0 = ln(c_n
 *       / c_(n-1))});
 *   <li>{@code trend}: {@code ln(c_n / c_1)};
 *   <li>{@code volatility}: root mean square of the log returns;
 *   <li>{@code range_last}, {@code range_mean}: {@code ln(high / low)} of the last tick and its
 *       mean over the window;
 *   <li>{@code body_last}: {@code ln(close / open)} of the last tick;
 *   <li>{@code close_location}: where the last close sits between the window's lowest low and
 *       highest high, in [0, 1] (0.5 when the window is flat);
 *   <li>{@code volume_ratio}: {@code ln((1 + v_n) / (1 + mean v))}.
 * </ul>
 *
 * An open, high or low of zero means "unknown" (see {@link Tick}); the close stands in for it, so
 * the features stay finite on every valid tick.
 */
public final class ReturnsFeatures extends NamedFeatureSpec {

  public static final String NAME = "returns";
  public static final int VERSION = 1;

  public ReturnsFeatures(int windowSize) {
    super(NAME, VERSION, windowSize, 2, names(windowSize));
  }

  private static List<String> names(int windowSize) {
    List<String> names = new ArrayList<>();
    for (int lag = 0; lag < windowSize - 1; lag++) {
      names.add("logret_" + lag);
    }
    names.addAll(
        List.of(
            "trend",
            "volatility",
            "range_last",
            "range_mean",
            "body_last",
            "close_location",
            "volume_ratio"));
    return names;
  }

  @Override
  double[] compute(Window window) {
    List<Tick> ticks = window.ticks();
    int n = ticks.size();
    double[] x = new double[featureNames().size()];
    int k = 0;
    double sumSquares = 0;
    for (int i = n - 1; i >= 1; i--) {
      double r = Math.log(ticks.get(i).close() / ticks.get(i - 1).close());
      x[k++] = r;
      sumSquares += r * r;
    }
    Tick last = ticks.get(n - 1);
    x[k++] = Math.log(last.close() / ticks.get(0).close());
    x[k++] = Math.sqrt(sumSquares / (n - 1));

    double rangeSum = 0;
    double highest = Double.NEGATIVE_INFINITY;
    double lowest = Double.POSITIVE_INFINITY;
    double volumeSum = 0;
    for (Tick tick : ticks) {
      double high = high(tick);
      double low = low(tick);
      rangeSum += Math.log(high / low);
      highest = Math.max(highest, high);
      lowest = Math.min(lowest, low);
      volumeSum += tick.volume();
    }
    x[k++] = Math.log(high(last) / low(last));
    x[k++] = rangeSum / n;
    x[k++] = last.open() > 0 ? Math.log(last.close() / last.open()) : 0.0;
    x[k++] = highest > lowest ? (last.close() - lowest) / (highest - lowest) : 0.5;
    x[k] = Math.log((1.0 + last.volume()) / (1.0 + volumeSum / n));
    return x;
  }

  /**
   * {@code logret_0}: the log return into the window's last close, {@code ln(c_n / c_(n-1))}; what
   * the reversal and momentum baselines score, whatever spec the model learns from.
   *
   * @throws IllegalArgumentException if the window holds fewer than two ticks
   */
  public static double lastLogReturn(Window window) {
    List<Tick> ticks = window.ticks();
    if (ticks.size() < 2) {
      throw new IllegalArgumentException(
          "a last return needs two ticks, the window has " + ticks.size());
    }
    return Math.log(ticks.get(ticks.size() - 1).close() / ticks.get(ticks.size() - 2).close());
  }

  /** The high, or the close when the high is unknown or below it. */
  private static double high(Tick tick) {
    return Math.max(tick.high(), tick.close());
  }

  /** The low, or the close when the low is unknown (zero) or above it. */
  private static double low(Tick tick) {
    return tick.low() > 0 ? Math.min(tick.low(), tick.close()) : tick.close();
  }
}
