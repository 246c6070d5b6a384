package io.stocklambda.core.feature;

import java.util.List;

/** The identity part every spec shares: name, version, window size and feature names. */
abstract class NamedFeatureSpec implements FeatureSpec {

  private final String name;
  private final int version;
  private final int windowSize;
  private final List<String> featureNames;

  NamedFeatureSpec(String name, int version, int windowSize, int minimumWindow, List<String> featureNames) {
    if (windowSize < minimumWindow) {
      throw new IllegalArgumentException(name + " needs a window of at least " + minimumWindow + " ticks, was " + windowSize);
    }
    this.name = name;
    this.version = version;
    this.windowSize = windowSize;
    this.featureNames = List.copyOf(featureNames);
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
