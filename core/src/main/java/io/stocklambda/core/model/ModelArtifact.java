package io.stocklambda.core.model;

import io.stocklambda.core.feature.FeatureBins;
import io.stocklambda.core.feature.FeatureSpecRef;
import io.stocklambda.core.feature.FeatureSpecs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The portable model ({@code model.json}): everything needed to score a window without Spark.
 * Written by the batch layer, published on the {@code models} topic, read by the speed layer, the
 * batch view and the backfill, and always scored through {@link ModelScorer}.
 *
 * @param format artifact format, {@value #FORMAT}
 * @param name model name; the key on the {@code models} topic
 * @param version unique version, e.g. {@code 20261126-1}
 * @param algorithm model family; the matching parameters must be present
 * @param featureSpec the feature spec the model was trained on
 * @param logisticRegression parameters when {@code algorithm} is logistic regression
 * @param trees the trees when {@code algorithm} is gradient-boosted trees
 * @param threshold P(up) above which the call is "up"
 * @param training what it was fitted on (may be absent for hand-made models)
 * @param metrics evaluation figures, e.g. {@code test.auc} (may be empty)
 * @param createdAt when it was written
 * @param featureBins the training distribution of each feature, for the live population stability
 *     index; absent (null) in artifacts written before it and in hand-made ones, which score the
 *     same and have no PSI
 */
public record ModelArtifact(
    String format,
    String name,
    String version,
    Algorithm algorithm,
    FeatureSpecRef featureSpec,
    LogisticRegression logisticRegression,
    TreeEnsemble trees,
    double threshold,
    TrainingInfo training,
    Map<String, Double> metrics,
    Instant createdAt,
    FeatureBins featureBins) {

  public static final String FORMAT = "stocklambda-model/1";
  public static final String DEFAULT_NAME = "next-close-up";

  public ModelArtifact {
    metrics = metrics == null ? Map.of() : Map.copyOf(new TreeMap<>(metrics));
  }

  /** This artifact with {@code bins} as its training distribution of the features. */
  public ModelArtifact withFeatureBins(FeatureBins bins) {
    return new ModelArtifact(
        format,
        name,
        version,
        algorithm,
        featureSpec,
        logisticRegression,
        trees,
        threshold,
        training,
        metrics,
        createdAt,
        bins);
  }

  /** Every reason this artifact cannot be scored; empty when it can. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (!FORMAT.equals(format)) {
      problems.add("format is '" + format + "', expected '" + FORMAT + "'");
    }
    if (name == null || name.isBlank()) {
      problems.add("missing name");
    }
    if (version == null || version.isBlank()) {
      problems.add("missing version");
    }
    if (!(threshold > 0 && threshold < 1)) {
      problems.add("threshold must lie strictly between 0 and 1, was " + threshold);
    }
    int featureCount = -1;
    if (featureSpec == null) {
      problems.add("missing feature spec");
    } else {
      try {
        featureCount = FeatureSpecs.resolve(featureSpec).featureNames().size();
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (algorithm == null) {
      problems.add("missing algorithm");
    } else if (algorithm == Algorithm.LOGISTIC_REGRESSION) {
      logisticProblems(featureCount, problems);
    } else if (trees == null) {
      problems.add("gradient-boosted-trees model without its trees");
    } else {
      problems.addAll(trees.problems(Math.max(featureCount, 0)));
    }
    if (featureBins != null && featureSpec != null) {
      problems.addAll(featureBins.problems(featureSpec.features()));
    }
    return problems;
  }

  /**
   * @throws InvalidModelException listing every problem, if there is any
   */
  public ModelArtifact validate() {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new InvalidModelException(version, problems);
    }
    return this;
  }

  private void logisticProblems(int featureCount, List<String> problems) {
    if (logisticRegression == null) {
      problems.add("logistic-regression model without its parameters");
      return;
    }
    if (!Double.isFinite(logisticRegression.intercept())) {
      problems.add("intercept is not finite");
    }
    List<Double> coefficients = logisticRegression.coefficients();
    if (featureCount >= 0 && coefficients.size() != featureCount) {
      problems.add(coefficients.size() + " coefficients for " + featureCount + " features");
    }
    for (int i = 0; i < coefficients.size(); i++) {
      Double c = coefficients.get(i);
      if (c == null || !Double.isFinite(c)) {
        problems.add("coefficient " + i + " is not finite");
      }
    }
  }
}
