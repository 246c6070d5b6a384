package io.stocklambda.core.live;

import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.window.Window;

/**
 * What live scoring keeps per stock: its window, and its latest prediction until the next tick
 * resolves it. The speed layer stores it per stock (a restart resumes every stock where it was; the
 * thesis's collector lost them all), and so does any other engine that scores live ticks.
 */
public record StockState(Window window, Prediction open) {

  public static StockState empty(String stock, int windowSize) {
    return new StockState(Window.empty(stock, windowSize), null);
  }
}
