package io.stocklambda.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the registry's history says about {@code CURRENT}: the stack of serving versions (a
 * promotion pushes, a rollback pops), so that a rollback returns to the version that served before
 * the current one, and a second rollback to the one before that.
 */
public final class CurrentHistory {

  private CurrentHistory() {}

  /**
   * The versions that served, oldest first, the current one last, as the events leave them.
   *
   * @param events in the order they happened
   */
  public static List<String> stack(List<RegistryEvent> events) {
    List<String> stack = new ArrayList<>();
    for (RegistryEvent e : events) {
      switch (e.action()) {
        case PROMOTED -> {
          // a version that served before the history began (an older build's CURRENT) is known
          // from the first promotion that replaced it
          if (e.previous() != null
              && (stack.isEmpty() || !stack.get(stack.size() - 1).equals(e.previous()))) {
            stack.remove(e.previous());
            stack.add(e.previous());
          }
          stack.remove(e.version());
          stack.add(e.version());
        }
        case ROLLED_BACK -> {
          if (!stack.isEmpty()) {
            stack.remove(stack.size() - 1);
          }
          stack.remove(e.version());
          stack.add(e.version());
        }
        case RETIRED -> {
          // a retired version never serves again: a rollback skips it
          stack.remove(e.version());
        }
      }
    }
    return stack;
  }

  /**
   * The version a rollback makes CURRENT: the one below the top of the {@link #stack}.
   *
   * @param current the CURRENT version now
   * @throws IllegalStateException if the history's last serving version is not {@code current}
   *     (CURRENT was moved outside the registry's commands): a rollback would not undo the last
   *     change
   */
  public static Optional<String> rollbackTarget(List<RegistryEvent> events, String current) {
    List<String> stack = stack(events);
    if (!stack.isEmpty() && !stack.get(stack.size() - 1).equals(current)) {
      throw new IllegalStateException(
          "CURRENT is "
              + current
              + " but the history's last serving version is "
              + stack.get(stack.size() - 1)
              + ": CURRENT was moved outside 'model promote'; promote the version you want instead");
    }
    return stack.size() < 2 ? Optional.empty() : Optional.of(stack.get(stack.size() - 2));
  }

  /** The last event that made {@code version} CURRENT (who and when), if any. */
  public static Optional<RegistryEvent> lastMadeCurrent(
      List<RegistryEvent> events, String version) {
    RegistryEvent last = null;
    for (RegistryEvent e : events) {
      if (e.madeCurrent() && e.version().equals(version)) {
        last = e;
      }
    }
    return Optional.ofNullable(last);
  }
}
