package io.stocklambda.core.feature;

import java.util.List;
import java.util.Objects;

/** How a model artifact names its feature spec: enough to rebuild it and check it is the same. */
public record FeatureSpecRef(String name, int version, int windowSize, List<String> features) {

  public FeatureSpecRef {
    Objects.requireNonNull(name, "feature spec name");
    features = features == null ? List.of() : List.copyOf(features);
  }
}
