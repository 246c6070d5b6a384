package io.stocklambda.core.window;

import io.stocklambda.core.tick.Tick;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns one stock's date-ordered ticks into sliding windows with labels: every full window, labeled
 * by the tick that follows it. Duplicate and out-of-order ticks are dropped and counted. The same
 * loop serves the MapReduce reducer, the batch view and the tests.
 */
public final class WindowLabeler {

  private Window current;
  private final int size;
  private long duplicates;
  private long outOfOrder;

  public WindowLabeler(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("window size must be at least 1, was " + size);
    }
    this.size = size;
  }

  /** All windows of one stock's ticks; with {@code includeUnlabeled}, the last one too. */
  public static List<LabeledWindow> windows(
      Iterable<Tick> ticks, int size, boolean includeUnlabeled) {
    WindowLabeler labeler = new WindowLabeler(size);
    List<LabeledWindow> out = new ArrayList<>();
    for (Tick tick : ticks) {
      labeler.accept(tick).ifPresent(out::add);
    }
    if (includeUnlabeled) {
      labeler.finish().ifPresent(out::add);
    }
    return out;
  }

  /**
   * Takes the next tick; returns the previous full window labeled by it, if there was one.
   *
   * @throws IllegalArgumentException if the tick is of another stock than the ones before
   */
  public Optional<LabeledWindow> accept(Tick tick) {
    if (current == null) {
      current = Window.empty(tick.stock(), size);
    }
    Window.Push push = current.push(tick);
    switch (push.admission()) {
      case DUPLICATE -> duplicates++;
      case OUT_OF_ORDER -> outOfOrder++;
      case ACCEPTED -> {
        Optional<LabeledWindow> labeled =
            current.isFull()
                ? Optional.of(
                    new LabeledWindow(
                        current, Label.between(current.last().close(), tick.close()), tick.date()))
                : Optional.empty();
        current = push.window();
        return labeled;
      }
    }
    return Optional.empty();
  }

  /** The last full window, whose next close is not known yet. */
  public Optional<LabeledWindow> finish() {
    return current != null && current.isFull()
        ? Optional.of(LabeledWindow.unlabeled(current))
        : Optional.empty();
  }

  public long duplicates() {
    return duplicates;
  }

  public long outOfOrder() {
    return outOfOrder;
  }
}
