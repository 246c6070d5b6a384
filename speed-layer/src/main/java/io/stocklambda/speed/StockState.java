package io.stocklambda.speed;

import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.window.Window;

/**
 * What the speed layer keeps per stock: its window, and its latest prediction until the next tick
 * resolves it. Stored (as {@link StockStateCodec} bytes) in the {@code windows} store, so a restart
 * resumes every stock where it was (the thesis's collector lost them all).
 */
public record StockState(Window window, Prediction open) {

  public static StockState empty(String stock, int windowSize) {
    return new StockState(Window.empty(stock, windowSize), null);
  }
}
