package io.stocklambda.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The model families the portable artifact can carry. */
public enum Algorithm {
  LOGISTIC_REGRESSION("logistic-regression"),
  GRADIENT_BOOSTED_TREES("gradient-boosted-trees");

  private final String id;

  Algorithm(String id) {
    this.id = id;
  }

  @JsonValue
  public String id() {
    return id;
  }

  @JsonCreator
  public static Algorithm fromId(String id) {
    return Arrays.stream(values())
        .filter(a -> a.id.equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown algorithm '" + id + "'"));
  }
}
