package io.stocklambda.core.model;

import java.util.List;

/**
 * Learned parameters of a logistic regression in the features' own scale (as Spark MLlib reports
 * them, standardization undone): P(up) = 1 / (1 + exp(-(intercept + coefficients . x))).
 */
public record LogisticRegression(double intercept, List<Double> coefficients) {

  public LogisticRegression {
    coefficients = coefficients == null ? List.of() : List.copyOf(coefficients);
  }
}
