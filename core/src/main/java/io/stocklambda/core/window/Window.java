package io.stocklambda.core.window;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.stocklambda.core.tick.Tick;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The last ticks of one stock, oldest first, with strictly increasing dates: at most {@code size}
 * of them (the thesis used 5). Gaps between dates are allowed (halts, holidays, missing rows).
 * Immutable; {@link #push} returns the next window, so a window can be kept as state anywhere (a
 * Kafka Streams store, a reducer's loop, a test).
 */
public record Window(String stock, int size, List<Tick> ticks) {

  /** The thesis's window: the last 5 closes. */
  public static final int DEFAULT_SIZE = 5;

  public Window {
    if (stock == null || stock.isBlank()) {
      throw new IllegalArgumentException("missing stock");
    }
    if (size < 1) {
      throw new IllegalArgumentException("window size must be at least 1, was " + size);
    }
    ticks = List.copyOf(ticks);
    if (ticks.size() > size) {
      throw new IllegalArgumentException(
          "window of size " + size + " holds " + ticks.size() + " ticks");
    }
    LocalDate previous = null;
    for (Tick tick : ticks) {
      if (!tick.stock().equals(stock)) {
        throw new IllegalArgumentException("tick of " + tick.stock() + " in window of " + stock);
      }
      if (previous != null && !tick.date().isAfter(previous)) {
        throw new IllegalArgumentException(
            "window dates must strictly increase: " + previous + " then " + tick.date());
      }
      previous = tick.date();
    }
  }

  public static Window empty(String stock, int size) {
    return new Window(stock, size, List.of());
  }

  /** The full window of these ticks (the last {@code ticks.size()} of a series). */
  public static Window of(List<Tick> ticks) {
    if (ticks.isEmpty()) {
      throw new IllegalArgumentException("a window needs at least one tick");
    }
    return new Window(ticks.get(0).stock(), ticks.size(), ticks);
  }

  /**
   * Offers the next tick. A tick dated on or before the last one is not admitted (the window is
   * returned unchanged with the reason), so replays and duplicates can never corrupt it.
   */
  public Push push(Tick tick) {
    Objects.requireNonNull(tick, "tick");
    if (!tick.stock().equals(stock)) {
      throw new IllegalArgumentException(
          "tick of " + tick.stock() + " offered to window of " + stock);
    }
    if (!ticks.isEmpty()) {
      LocalDate last = last().date();
      if (tick.date().equals(last)) {
        return new Push(this, Admission.DUPLICATE);
      }
      if (tick.date().isBefore(last)) {
        return new Push(this, Admission.OUT_OF_ORDER);
      }
    }
    List<Tick> next = new ArrayList<>(Math.min(size, ticks.size() + 1));
    int from = ticks.size() == size ? 1 : 0;
    next.addAll(ticks.subList(from, ticks.size()));
    next.add(tick);
    return new Push(new Window(stock, size, next), Admission.ACCEPTED);
  }

  /** Whether it holds {@code size} ticks, so it can be scored. */
  @JsonIgnore
  public boolean isFull() {
    return ticks.size() == size;
  }

  @JsonIgnore
  public boolean isEmpty() {
    return ticks.isEmpty();
  }

  /** The most recent tick. */
  public Tick last() {
    if (ticks.isEmpty()) {
      throw new IllegalStateException("empty window of " + stock);
    }
    return ticks.get(ticks.size() - 1);
  }

  /** Closes, oldest first. */
  public List<Double> closes() {
    // by index: the JDK's one iterator of every immutable list makes its get() a megamorphic call
    // (a tenth of a microsecond a tick in the speed layer's profile, issue 18)
    int n = ticks.size();
    List<Double> closes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      closes.add(ticks.get(i).close());
    }
    return closes;
  }

  /** The window after offering a tick, and whether the tick was taken. */
  public record Push(Window window, Admission admission) {
    public boolean accepted() {
      return admission == Admission.ACCEPTED;
    }
  }
}
