package io.stocklambda.batch.spark;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The time split of a training run, on each labeled window's last date {@code d} and the date
 * {@code l} of its label row (the stock's next row, see {@link
 * io.stocklambda.core.window.LabeledWindow#labelDate()}):
 *
 * <pre>
 *   search fits    l &lt; validationStart
 *   validation     validationStart &lt;= d, l &lt; cutoff
 *   training       l &lt; cutoff                              (the evaluated fit)
 *   test           cutoff &lt;= d &lt; promotionStart            (reported, never chosen on)
 *   promotion      promotionStart &lt;= d                      (decides CURRENT; seen by no fit judged)
 *   deployment     every labeled window                     (the deployed refit)
 * </pre>
 *
 * The embargo is the label row itself, counted in the stock's own rows: a window trains only if the
 * row its label comes from precedes the next period, however long the stock was halted in between.
 * A purge of more than the label row is not needed: a feature only reads the window's own rows.
 *
 * @param validationStart first date of the validation slice
 * @param cutoff first date of the test period; no evaluated fit learns from a label on or after it
 * @param promotionStart first date of the promotion slice; null while not known yet (the census
 *     runs before it is placed)
 */
record Periods(LocalDate validationStart, LocalDate cutoff, LocalDate promotionStart)
    implements Serializable {

  Periods {
    if (!validationStart.isBefore(cutoff)) {
      throw new IllegalArgumentException(
          "validation start " + validationStart + " must precede the cutoff " + cutoff);
    }
    if (promotionStart != null && !promotionStart.isAfter(cutoff)) {
      throw new IllegalArgumentException(
          "the promotion slice (from "
              + promotionStart
              + ") must start after the cutoff "
              + cutoff);
    }
  }

  /**
   * Where the promotion slice starts: the last {@code months} months of labeled windows, up to
   * {@code lastLabeled}; or the later half of the period after the cutoff when that is shorter than
   * twice the months, so that the test period keeps at least as much as the slice.
   *
   * @throws IllegalArgumentException if no labeled window lies after the cutoff
   */
  static LocalDate promotionStart(LocalDate cutoff, LocalDate lastLabeled, int months) {
    if (lastLabeled.isBefore(cutoff)) {
      throw new IllegalArgumentException(
          "no labeled window on or after the cutoff "
              + cutoff
              + " (the last is of "
              + lastLabeled
              + "): choose --cutoff inside the data");
    }
    LocalDate recent = lastLabeled.minusMonths(months).plusDays(1);
    // the days from the cutoff to the last labeled one, both included, are days + 1; the later
    // half starts ceil((days + 1) / 2) days after the cutoff
    LocalDate half = cutoff.plusDays((ChronoUnit.DAYS.between(cutoff, lastLabeled) + 2) / 2);
    return recent.isAfter(half) ? recent : half;
  }

  Periods withPromotionStart(LocalDate start) {
    return new Periods(validationStart, cutoff, start);
  }

  boolean fit(LocalDate labelDate) {
    return labelDate.isBefore(validationStart);
  }

  boolean validation(LocalDate date, LocalDate labelDate) {
    return !date.isBefore(validationStart) && labelDate.isBefore(cutoff);
  }

  boolean train(LocalDate labelDate) {
    return labelDate.isBefore(cutoff);
  }

  /** After the cutoff: the test period and the promotion slice together. */
  boolean afterCutoff(LocalDate date) {
    return !date.isBefore(cutoff);
  }

  boolean test(LocalDate date) {
    return afterCutoff(date) && date.isBefore(promotionStart);
  }

  boolean promotion(LocalDate date) {
    return !date.isBefore(promotionStart);
  }
}
