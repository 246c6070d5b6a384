package io.stocklambda.core.window;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A full window and, once the next close is known, its label. The last window of a series has no
 * label yet ({@code label == null}): it is the one a prediction is most wanted for.
 *
 * @param labelDate the date of the stock's next row, whose close gives the label (null when
 *     unlabeled); after a halt it can be weeks after the window's last date, and it is what the
 *     training split's embargo is counted on: a window trains only if its label row precedes the
 *     next period
 */
public record LabeledWindow(Window window, Label label, LocalDate labelDate) {

  public LabeledWindow {
    Objects.requireNonNull(window, "window");
    if (!window.isFull()) {
      throw new IllegalArgumentException("only full windows are labeled");
    }
    if ((label == null) != (labelDate == null)) {
      throw new IllegalArgumentException("a label and its row's date come together");
    }
    if (labelDate != null && !labelDate.isAfter(window.last().date())) {
      throw new IllegalArgumentException(
          "the label row "
              + labelDate
              + " must come after the window's last date "
              + window.last().date());
    }
  }

  /** The last window of a series, whose next close is not known yet. */
  public static LabeledWindow unlabeled(Window window) {
    return new LabeledWindow(window, null, null);
  }

  public boolean isLabeled() {
    return label != null;
  }
}
