package io.stocklambda.core.feature;

import io.stocklambda.core.window.Window;
import java.util.List;

/**
 * A versioned function from a full window to a feature vector. Batch training, the batch view, the
 * speed layer and the backfill all call the same implementation, so a model always sees at serving
 * time exactly what it was trained on.
 */
public interface FeatureSpec {

  String name();

  /**
   * Bumped whenever any feature's definition changes; a model names the version it was trained on.
   */
  int version();

  int windowSize();

  /** Feature names, in vector order. */
  List<String> featureNames();

  /**
   * The features of a full window of {@link #windowSize()} ticks.
   *
   * @throws IllegalArgumentException if the window is not full or has another size
   * @throws io.stocklambda.core.window.UnscorableWindowException if a feature is not finite (a
   *     close of {@code 4.9E-324} beside one of {@code 10}): no model is handed such a vector
   */
  double[] features(Window window);

  default FeatureSpecRef ref() {
    return new FeatureSpecRef(name(), version(), windowSize(), featureNames());
  }

  default void requireFull(Window window) {
    if (window.size() != windowSize() || !window.isFull()) {
      throw new IllegalArgumentException(
          name()
              + " v"
              + version()
              + " needs a full window of "
              + windowSize()
              + " ticks, got "
              + window.ticks().size()
              + " of "
              + window.size());
    }
  }
}
