package io.stocklambda.bench;

import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.model.Algorithm;
import io.stocklambda.core.model.LogisticRegression;
import io.stocklambda.core.model.ModelArtifact;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The model the benchmarks score with: a real-sized one. */
final class BenchData {

  private BenchData() {}

  /** A logistic regression on the returns features: scoring costs what a real one costs. */
  static ModelArtifact model() {
    List<Double> coefficients =
        List.of(
            -0.3649, -0.4289, 0.3797, 0.4455, 0.0108, -0.5302, 0.2389, -1.7645, -0.9671, -0.1569,
            0.0555);
    return new ModelArtifact(
        ModelArtifact.FORMAT,
        ModelArtifact.DEFAULT_NAME,
        "bench",
        Algorithm.LOGISTIC_REGRESSION,
        FeatureSpecs.of("returns", 5).ref(),
        new LogisticRegression(0.1251, coefficients),
        null,
        0.5,
        null,
        Map.of(),
        Instant.now(),
        null);
  }
}
