package io.stocklambda.core.model;

import io.stocklambda.core.feature.FeatureSpec;
import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.window.UnscorableWindowException;
import io.stocklambda.core.window.Window;
import java.time.Instant;

/**
 * The one scorer of model artifacts: features through the artifact's {@link FeatureSpec}, then the
 * model. The speed layer, the batch view and the backfill all score through it, and a parity test
 * holds it to Spark's own probabilities. Immutable and thread-safe.
 */
public final class ModelScorer {

  private final ModelArtifact artifact;
  private final FeatureSpec spec;
  private final Model model;

  private ModelScorer(ModelArtifact artifact) {
    this.artifact = artifact.validate();
    this.spec = FeatureSpecs.resolve(artifact.featureSpec());
    this.model =
        artifact.algorithm() == Algorithm.LOGISTIC_REGRESSION
            ? new Logistic(artifact.logisticRegression())
            : new Boosted(artifact.trees());
  }

  /**
   * @throws InvalidModelException if the artifact cannot be scored
   */
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

  /**
   * P(next close is higher) for a full window of {@link #windowSize()} ticks, in [0, 1].
   *
   * @throws UnscorableWindowException naming the stock, the date and the reason when a feature or
   *     the probability is not a finite number; the window is refused, never scored as NaN
   */
  public double probabilityUp(Window window) {
    double p = model.probability(spec.features(window));
    if (!(p >= 0 && p <= 1)) {
      throw new UnscorableWindowException(
          window.stock(),
          window.last().date(),
          "model " + version() + " gives a probability of " + p);
    }
    return p;
  }

  /** P(up) for an already computed feature vector in the spec's order. */
  public double probabilityUp(double[] features) {
    if (features.length != spec.featureNames().size()) {
      throw new IllegalArgumentException(
          "expected " + spec.featureNames().size() + " features, got " + features.length);
    }
    return model.probability(features);
  }

  public boolean isUp(double probabilityUp) {
    return probabilityUp > artifact.threshold();
  }

  /**
   * A model family, scored with the same expressions as Spark MLlib so both agree to the last bits.
   */
  private interface Model {
    double probability(double[] x);
  }

  private static final class Logistic implements Model {
    private final double intercept;
    private final double[] coefficients;

    Logistic(LogisticRegression lr) {
      this.intercept = lr.intercept();
      this.coefficients = lr.coefficients().stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public double probability(double[] x) {
      double margin = intercept;
      for (int i = 0; i < x.length; i++) {
        margin += coefficients[i] * x[i];
      }
      return 1.0 / (1.0 + Math.exp(-margin));
    }
  }

  /** Flattened trees: one array per node attribute, nodes of all trees one after another. */
  private static final class Boosted implements Model {
    private final int[] roots;
    private final double[] weights;
    private final int[] feature;
    private final double[] threshold;
    private final int[] left;
    private final int[] right;
    private final double[] value;

    Boosted(TreeEnsemble ensemble) {
      int total = ensemble.trees().stream().mapToInt(t -> t.nodes().size()).sum();
      roots = new int[ensemble.trees().size()];
      weights = ensemble.weights().stream().mapToDouble(Double::doubleValue).toArray();
      feature = new int[total];
      threshold = new double[total];
      left = new int[total];
      right = new int[total];
      value = new double[total];
      int at = 0;
      for (int t = 0; t < roots.length; t++) {
        roots[t] = at;
        for (TreeEnsemble.Node n : ensemble.trees().get(t).nodes()) {
          feature[at] = n.feature();
          threshold[at] = n.threshold();
          left[at] = n.isLeaf() ? -1 : roots[t] + n.left();
          right[at] = n.isLeaf() ? -1 : roots[t] + n.right();
          value[at] = n.value();
          at++;
        }
      }
    }

    @Override
    public double probability(double[] x) {
      double margin = 0;
      for (int t = 0; t < roots.length; t++) {
        int node = roots[t];
        while (feature[node] >= 0) {
          node = x[feature[node]] <= threshold[node] ? left[node] : right[node];
        }
        margin += weights[t] * value[node];
      }
      return 1.0 / (1.0 + Math.exp(-2.0 * margin));
    }
  }

  /** Scores a full window into a prediction about the close after its last tick. */
  public Prediction score(Window window, Layer layer, Instant scoredAt) {
    double p = probabilityUp(window);
    return new Prediction(
        window.stock(),
        window.last().date(),
        window.closes(),
        p,
        isUp(p),
        artifact.version(),
        layer,
        scoredAt,
        null,
        null);
  }
}
