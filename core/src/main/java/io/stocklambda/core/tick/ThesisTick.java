package io.stocklambda.core.tick;

import java.time.LocalDate;

/**
 * The thesis's wire form, {@code {"stock","price","date"}}, for replays that feed consumers built
 * for it. {@link Tick} reads this form too.
 */
public record ThesisTick(String stock, double price, LocalDate date) {

  public static ThesisTick of(Tick tick) {
    return new ThesisTick(tick.stock(), tick.close(), tick.date());
  }
}
