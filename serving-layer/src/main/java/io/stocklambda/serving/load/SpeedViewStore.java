package io.stocklambda.serving.load;

import io.stocklambda.core.prediction.Prediction;
import java.io.IOException;
import java.util.Collection;

/**
 * A store the speed view is written to: HBase and Elasticsearch, each idempotent by (stock, date).
 */
public interface SpeedViewStore {

  String storeName();

  /**
   * Writes the rows, idempotently.
   *
   * @throws RejectedException when the store refuses some rows (or the request) for good
   * @throws IOException when the store cannot be reached or is busy: the caller retries
   */
  void writeSpeed(Collection<Prediction> predictions) throws IOException;
}
