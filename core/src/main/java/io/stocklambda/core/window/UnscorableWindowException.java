package io.stocklambda.core.window;

import java.time.LocalDate;

/**
 * A full window no model may score, because a feature or the probability computed from it is not a
 * finite number: closes of {@code 4.9E-324} then {@code 10} make a log return of infinity. Every
 * tick of such a window is valid on its own, so the window is refused rather than its ticks: the
 * speed layer sends the tick that completed it to the dead-letter topic, the batch layer counts it
 * and reports it, and neither hands it to a model.
 */
public final class UnscorableWindowException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String stock;
  private final LocalDate date;
  private final String reason;

  /**
   * @param stock the window's stock
   * @param date the date of its last tick
   * @param reason what is not finite, e.g. {@code feature logret_0 is Infinity}
   */
  public UnscorableWindowException(String stock, LocalDate date, String reason) {
    super("the window of " + stock + " ending " + date + " cannot be scored: " + reason);
    this.stock = stock;
    this.date = date;
    this.reason = reason;
  }

  public String stock() {
    return stock;
  }

  public LocalDate date() {
    return date;
  }

  public String reason() {
    return reason;
  }
}
