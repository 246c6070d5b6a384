package io.stocklambda.core.json;

/**
 * A wire record that cannot be decoded, with a short reason fit for a dead-letter header ({@code
 * "not JSON: ..."}, {@code "close must be a finite price above zero, was -1.0"}).
 */
public final class MalformedRecordException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  public MalformedRecordException(String reason, Throwable cause) {
    super(reason, cause);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
