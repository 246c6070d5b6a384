package io.stocklambda.serving.api;

import io.stocklambda.core.prediction.Prediction;
import java.util.Collection;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Predictions as they land in both stores, to whoever listens (the live web view's event streams).
 */
public final class LiveFeed {

  private final CopyOnWriteArrayList<Consumer<Prediction>> listeners = new CopyOnWriteArrayList<>();

  public Runnable subscribe(Consumer<Prediction> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  public void publish(Collection<Prediction> predictions) {
    for (Consumer<Prediction> l : listeners) {
      for (Prediction p : predictions) {
        l.accept(p);
      }
    }
  }

  public int listeners() {
    return listeners.size();
  }
}
