package io.stocklambda.core.window;

import java.util.Objects;

/**
 * A full window and, once the next close is known, its label. The last window of a series has no
 * label yet ({@code label == null}): it is the one a prediction is most wanted for.
 */
public record LabeledWindow(Window window, Label label) {

  public LabeledWindow {
    Objects.requireNonNull(window, "window");
    if (!window.isFull()) {
      throw new IllegalArgumentException("only full windows are labeled");
    }
  }

  public boolean isLabeled() {
    return label != null;
  }
}
