package io.stocklambda.ingest.replay;

import io.stocklambda.core.tick.Tick;
import java.time.LocalDate;

/**
 * Which ticks of the merged stream a replay sends: dates from {@code from} to {@code to}
 * (inclusive, either open), and not the first {@code skip} of those, to resume exactly where an
 * interrupted replay of the same input stopped.
 */
public record ReplayFilter(LocalDate from, LocalDate to, long skip) {

  public ReplayFilter {
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
    if (skip < 0) {
      throw new IllegalArgumentException("--skip must not be negative");
    }
  }

  public static ReplayFilter all() {
    return new ReplayFilter(null, null, 0);
  }

  boolean inRange(Tick tick) {
    return (from == null || !tick.date().isBefore(from))
        && (to == null || !tick.date().isAfter(to));
  }

  /** Ticks come in date order: once past {@code to}, nothing more is wanted. */
  boolean isPast(Tick tick) {
    return to != null && tick.date().isAfter(to);
  }
}
