package io.stocklambda.embedded.stack;

/** The stack could not do what was asked; the message says why and, where it can, what to do. */
public final class StackException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StackException(String message) {
    super(message);
  }

  public StackException(String message, Throwable cause) {
    super(message, cause);
  }
}
