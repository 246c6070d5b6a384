package io.stocklambda.core.model;

import io.stocklambda.core.feature.FeatureSpec;
import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.window.Window;
import java.time.Instant;
import java.util.List;

/**
 * The one scorer of model artifacts: features through the artifact's {@link FeatureSpec}, then the
 * model. The speed layer, the batch view and the backfill all score through it, and a parity test
 * holds it to Spark's own probabilities. Immutable and thread-safe.
 */
public final class ModelScorer {

  private final ModelArtifact artifact;
  private final FeatureSpec spec;
  private final double intercept;
  private final double[] coefficients;

  private ModelScorer(ModelArtifact artifact) {
    this.artifact = artifact.validate();
    this.spec = FeatureSpecs.resolve(artifact.featureSpec());
    LogisticRegression lr = artifact.logisticRegression();
    this.intercept = lr.intercept();
    List<Double> c = lr.coefficients();
    this.coefficients = new double[c.size()];
    for (int i = 0; i < coefficients.length; i++) {
      coefficients[i] = c.get(i);
    }
  }

  /** @throws InvalidModelException if the artifact cannot be scored */
  public static ModelScorer of(ModelArtifact artifact) {
    return new ModelScorer(artifact);
  }

  public ModelArtifact artifact() {
    return artifact;
  }

  public String version() {
    return artifact.version();
  }

  public FeatureSpec featureSpec() {
    return spec;
  }

  public int windowSize() {
    return spec.windowSize();
  }

  /** P(next close is higher) for a full window of {@link #windowSize()} ticks. */
  public double probabilityUp(Window window) {
    return probabilityUp(spec.features(window));
  }

  /** P(up) for an already computed feature vector in the spec's order. */
  public double probabilityUp(double[] features) {
    if (features.length != coefficients.length) {
      throw new IllegalArgumentException("expected " + coefficients.length + " features, got " + features.length);
    }
    double margin = intercept;
    for (int i = 0; i < features.length; i++) {
      margin += coefficients[i] * features[i];
    }
    // the same expression as Spark MLlib's LogisticRegressionModel, so both agree to the last bit
    return 1.0 / (1.0 + Math.exp(-margin));
  }

  public boolean isUp(double probabilityUp) {
    return probabilityUp > artifact.threshold();
  }

  /** Scores a full window into a prediction about the close after its last tick. */
  public Prediction score(Window window, Layer layer, Instant scoredAt) {
    double p = probabilityUp(window);
    return new Prediction(window.stock(), window.last().date(), window.closes(), p, isUp(p),
        artifact.version(), layer, scoredAt, null, null);
  }
}
