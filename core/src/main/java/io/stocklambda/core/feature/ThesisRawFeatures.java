package io.stocklambda.core.feature;

import io.stocklambda.core.tick.Tick;
import io.stocklambda.core.window.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * The thesis's features: the window's raw closes, oldest first ({@code close_1 .. close_n}). Kept
 * as the baseline replica; raw prices are not comparable across stocks, which is why it transfers
 * so badly from IBM to the rest of the market.
 */
public final class ThesisRawFeatures implements FeatureSpec {

  public static final String NAME = "thesis-raw";
  public static final int VERSION = 1;

  private final int windowSize;
  private final List<String> names;

  public ThesisRawFeatures(int windowSize) {
    if (windowSize < 1) {
      throw new IllegalArgumentException(NAME + " needs a window of at least 1 tick");
    }
    this.windowSize = windowSize;
    List<String> n = new ArrayList<>(windowSize);
    for (int i = 1; i <= windowSize; i++) {
      n.add("close_" + i);
    }
    this.names = List.copyOf(n);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public int windowSize() {
    return windowSize;
  }

  @Override
  public List<String> featureNames() {
    return names;
  }

  @Override
  public double[] features(Window window) {
    requireFull(window);
    double[] x = new double[windowSize];
    int i = 0;
    for (Tick tick : window.ticks()) {
      x[i++] = tick.close();
    }
    return x;
  }
}
