package io.stocklambda.core.window;

/**
 * What happened to the close after a window: {@link #UP} if the next close is strictly higher than
 * the window's last close, else {@link #NOT_UP} (an unchanged close counts as not up, as in the
 * thesis). Used for training labels and for live outcomes alike.
 */
public enum Label {
  NOT_UP(0),
  UP(1);

  private final int value;

  Label(int value) {
    this.value = value;
  }

  public static Label between(double lastClose, double nextClose) {
    return nextClose > lastClose ? UP : NOT_UP;
  }

  public static Label ofValue(int value) {
    return switch (value) {
      case 0 -> NOT_UP;
      case 1 -> UP;
      default -> throw new IllegalArgumentException("label must be 0 or 1, was " + value);
    };
  }

  /** 1 for up, 0 otherwise: the training target. */
  public int value() {
    return value;
  }

  public boolean isUp() {
    return this == UP;
  }
}
