package io.stocklambda.serving.load;

import io.stocklambda.core.prediction.Prediction;
import java.io.IOException;
import java.util.Collection;

/** A store the speed view is written to: HBase and Elasticsearch, each idempotent by (stock, date). */
public interface SpeedViewStore {

  String storeName();

  void writeSpeed(Collection<Prediction> predictions) throws IOException;
}
