package io.stocklambda.core.model;

import java.util.List;

/** A model artifact that cannot be scored, with every reason found. */
public final class InvalidModelException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public InvalidModelException(String model, List<String> problems) {
    super("model " + model + " is invalid: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
