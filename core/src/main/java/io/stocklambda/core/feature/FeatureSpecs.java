package io.stocklambda.core.feature;

import java.util.List;

/** The registry of feature specs: build one by name, or rebuild the one a model was trained on. */
public final class FeatureSpecs {

  public static final List<String> NAMES =
      List.of(ThesisRawFeatures.NAME, ReturnsFeatures.NAME, LiquidityFeatures.NAME);

  /**
   * The spec the batch layer trains its models on (issue 17: {@code returns} and the stock's price
   * level and liquidity); models of the other specs keep scoring.
   */
  public static final String MODEL = LiquidityFeatures.NAME;

  private FeatureSpecs() {}

  /** The current version of the named spec. */
  public static FeatureSpec of(String name, int windowSize) {
    return switch (name) {
      case ThesisRawFeatures.NAME -> new ThesisRawFeatures(windowSize);
      case ReturnsFeatures.NAME -> new ReturnsFeatures(windowSize);
      case LiquidityFeatures.NAME -> new LiquidityFeatures(windowSize);
      default ->
          throw new IllegalArgumentException(
              "unknown feature spec '" + name + "'; known: " + NAMES);
    };
  }

  /**
   * The spec a model artifact names, checked to be the very same: same version, same window, same
   * features in the same order. A model trained on other features is refused rather than scored
   * wrongly.
   */
  public static FeatureSpec resolve(FeatureSpecRef ref) {
    FeatureSpec spec = of(ref.name(), ref.windowSize());
    if (spec.version() != ref.version()) {
      throw new IllegalArgumentException(
          "feature spec "
              + ref.name()
              + " v"
              + ref.version()
              + " is not supported by this build, which computes v"
              + spec.version());
    }
    if (!spec.featureNames().equals(ref.features())) {
      throw new IllegalArgumentException(
          "model expects features "
              + ref.features()
              + " but "
              + ref.name()
              + " v"
              + spec.version()
              + " with window "
              + ref.windowSize()
              + " computes "
              + spec.featureNames());
    }
    return spec;
  }
}
