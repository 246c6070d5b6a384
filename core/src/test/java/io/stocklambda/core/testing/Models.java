package io.stocklambda.core.testing;

import io.stocklambda.core.feature.FeatureSpec;
import io.stocklambda.core.model.Algorithm;
import io.stocklambda.core.model.LogisticRegression;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.TrainingInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Hand-made model artifacts for tests. */
public final class Models {

  private Models() {}

  /** Gradient-boosted trees over {@code spec}'s features. */
  public static ModelArtifact trees(
      String version, FeatureSpec spec, io.stocklambda.core.model.TreeEnsemble trees) {
    return new ModelArtifact(
        ModelArtifact.FORMAT,
        ModelArtifact.DEFAULT_NAME,
        version,
        Algorithm.GRADIENT_BOOSTED_TREES,
        spec.ref(),
        null,
        trees,
        0.5,
        null,
        Map.of(),
        Instant.parse("2026-11-26T12:00:00Z"),
        null);
  }

  public static ModelArtifact logistic(
      String version, FeatureSpec spec, double intercept, double... coefficients) {
    List<Double> c = Arrays.stream(coefficients).boxed().toList();
    return new ModelArtifact(
        ModelArtifact.FORMAT,
        ModelArtifact.DEFAULT_NAME,
        version,
        Algorithm.LOGISTIC_REGRESSION,
        spec.ref(),
        new LogisticRegression(intercept, c),
        null,
        0.5,
        new TrainingInfo(
            LocalDate.of(2000, 1, 3), LocalDate.of(2009, 12, 31), 1234, LocalDate.of(2010, 1, 1)),
        Map.of("test.auc", 0.53),
        Instant.parse("2026-11-26T12:00:00Z"),
        null);
  }
}
