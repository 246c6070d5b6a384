package io.stocklambda.core.prediction;

import io.stocklambda.core.tick.Tick;
import io.stocklambda.core.window.Label;
import java.time.LocalDate;

/**
 * What actually happened after a prediction's date: the stock's next tick, and whether its close
 * was higher (the same {@link Label} rule as training).
 */
public record Outcome(
    String stock, LocalDate date, LocalDate nextDate, double nextClose, boolean actualUp) {

  /**
   * Resolves a prediction with the stock's next tick.
   *
   * @throws IllegalArgumentException if the tick is not of the same stock or not after the
   *     prediction's date
   */
  public static Outcome resolve(Prediction prediction, Tick next) {
    if (!next.stock().equals(prediction.stock())) {
      throw new IllegalArgumentException(
          "tick of " + next.stock() + " cannot resolve a prediction of " + prediction.stock());
    }
    if (!next.date().isAfter(prediction.date())) {
      throw new IllegalArgumentException(
          "tick of " + next.date() + " is not after the prediction's date " + prediction.date());
    }
    boolean up = Label.between(prediction.lastClose(), next.close()).isUp();
    return new Outcome(prediction.stock(), prediction.date(), next.date(), next.close(), up);
  }
}
