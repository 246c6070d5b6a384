package io.stocklambda.serving.load;

import io.stocklambda.core.prediction.Prediction;
import java.io.IOException;
import java.util.Map;

/**
 * A store refused what it was sent and would refuse it again: an Elasticsearch 4xx other than 408
 * and 429 (a mapping conflict, a document id over 512 bytes), an HBase {@code
 * DoNotRetryIOException} or a row the client itself refuses. Retrying cannot help, so loaders do
 * not: the speed view sends the refused records to the dead-letter topic and writes the rest, a
 * batch view fails its load with the reason. Every other failure of a store (refused connections,
 * timeouts, 429, 5xx) is transient and retried with backoff.
 */
public final class RejectedException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient Map<Prediction, String> rejected;

  /**
   * @param rejected the records refused, each with the store's reason; empty when the store refused
   *     the request as a whole without saying which record it could not take
   */
  public RejectedException(String message, Map<Prediction, String> rejected) {
    super(message);
    this.rejected = Map.copyOf(rejected);
  }

  /**
   * The records the store named, each with its reason; empty if it refused the request as a whole.
   */
  public Map<Prediction, String> rejected() {
    return rejected;
  }
}
