package io.stocklambda.core.feature;

import io.stocklambda.core.window.UnscorableWindowException;
import io.stocklambda.core.window.Window;
import java.util.List;

/**
 * The part every spec shares: name, version, window size and feature names, and the rule that a
 * feature vector handed out is finite.
 */
abstract class NamedFeatureSpec implements FeatureSpec {

  private final String name;
  private final int version;
  private final int windowSize;
  private final List<String> featureNames;

  NamedFeatureSpec(
      String name, int version, int windowSize, int minimumWindow, List<String> featureNames) {
    if (windowSize < minimumWindow) {
      throw new IllegalArgumentException(
          name + " needs a window of at least " + minimumWindow + " ticks, was " + windowSize);
    }
    this.name = name;
    this.version = version;
    this.windowSize = windowSize;
    this.featureNames = List.copyOf(featureNames);
  }

  /** The features of a full window, before the check that they are finite. */
  abstract double[] compute(Window window);

  @Override
  public final double[] features(Window window) {
    requireFull(window);
    double[] x = compute(window);
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new UnscorableWindowException(
            window.stock(), window.last().date(), "feature " + featureNames.get(i) + " is " + x[i]);
      }
    }
    return x;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int version() {
    return version;
  }

  @Override
  public final int windowSize() {
    return windowSize;
  }

  @Override
  public final List<String> featureNames() {
    return featureNames;
  }
}
