package io.stocklambda.ingest.replay;

import io.stocklambda.core.tick.Tick;
import java.time.LocalDate;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/** How fast a replay goes: as fast as possible, ticks per second, or trading days per second. */
public abstract sealed class Pace permits Pace.Max, Pace.Rate, Pace.DaysPerSecond {

  final LongSupplier clock;
  long started = -1;

  Pace(LongSupplier clock) {
    this.clock = clock;
  }

  public static Pace max() {
    return new Max();
  }

  public static Pace rate(double ticksPerSecond) {
    return new Rate(ticksPerSecond, System::nanoTime);
  }

  public static Pace daysPerSecond(double days) {
    return new DaysPerSecond(days, System::nanoTime);
  }

  /** Waits until the tick is due; returns at once when the replay is behind. */
  public abstract void await(Tick tick) throws InterruptedException;

  /** Nanoseconds from the first tick until this one is due. */
  abstract long dueAfter(Tick tick);

  void waitUntilDue(Tick tick) throws InterruptedException {
    long now = clock.getAsLong();
    if (started < 0) {
      started = now;
    }
    long due = started + dueAfter(tick);
    while (due - now > 0) {
      LockSupport.parkNanos(due - now);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      now = clock.getAsLong();
    }
  }

  public abstract String describe();

  static final class Max extends Pace {
    Max() {
      super(System::nanoTime);
    }

    @Override
    public void await(Tick tick) {
      // no wait
    }

    @Override
    long dueAfter(Tick tick) {
      return 0;
    }

    @Override
    public String describe() {
      return "as fast as possible";
    }
  }

  static final class Rate extends Pace {
    private final double perSecond;
    private long count;

    Rate(double perSecond, LongSupplier clock) {
      super(clock);
      if (!(perSecond > 0)) {
        throw new IllegalArgumentException("--rate must be above 0, was " + perSecond);
      }
      this.perSecond = perSecond;
    }

    @Override
    public void await(Tick tick) throws InterruptedException {
      waitUntilDue(tick);
      count++;
    }

    @Override
    long dueAfter(Tick tick) {
      return (long) (count / perSecond * 1e9);
    }

    @Override
    public String describe() {
      return String.format("%,.0f ticks/s", perSecond);
    }
  }

  /**
   * Market time compressed: each trading day's ticks go out together, {@code days} days a second.
   */
  static final class DaysPerSecond extends Pace {
    private final double days;
    private LocalDate day;
    private long dayIndex = -1;

    DaysPerSecond(double days, LongSupplier clock) {
      super(clock);
      if (!(days > 0)) {
        throw new IllegalArgumentException("--days-per-second must be above 0, was " + days);
      }
      this.days = days;
    }

    @Override
    public void await(Tick tick) throws InterruptedException {
      if (!tick.date().equals(day)) {
        day = tick.date();
        dayIndex++;
        waitUntilDue(tick);
      }
    }

    @Override
    long dueAfter(Tick tick) {
      return (long) (dayIndex / days * 1e9);
    }

    @Override
    public String describe() {
      return String.format("%s trading days/s", days);
    }
  }
}
