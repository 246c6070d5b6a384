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
public final class ThesisRawFeatures extends NamedFeatureSpec {

  public static final String NAME = "thesis-raw";
  public static final int VERSION = 1;

  public ThesisRawFeatures(int windowSize) {
    super(NAME, VERSION, windowSize, 1, names(windowSize));
  }

  private static List<String> names(int windowSize) {
    List<String> names = new ArrayList<>(Math.max(0, windowSize));
    for (int i = 1; i <= windowSize; i++) {
      names.add("close_" + i);
    }
    return names;
  }

  @Override
  double[] compute(Window window) {
    double[] x = new double[windowSize()];
    int i = 0;
    for (Tick tick : window.ticks()) {
      x[i++] = tick.close();
    }
    return x;
  }
}
