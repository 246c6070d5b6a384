package io.stocklambda.core.dataset;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;

/**
 * The time split a training run uses when none is given: the test period is the last trading year
 * of the history (its last quarter when the history is shorter than four years), and the validation
 * slice before it a third of what precedes it, one or two whole years.
 *
 * @param cutoff the first date of the test period
 * @param validationYears years before the cutoff that choose between model families
 */
public record TimeSplit(LocalDate cutoff, int validationYears) {

  /** The split of a history given as its trading dates. */
  public static TimeSplit of(NavigableSet<LocalDate> tradingDates) {
    if (tradingDates.size() < 8) {
      throw new IllegalArgumentException(
          "a history of "
              + tradingDates.size()
              + " trading day(s) is too short to train and test on");
    }
    List<LocalDate> dates = new ArrayList<>(tradingDates);
    int at = Math.max(dates.size() * 3 / 4, dates.size() - 252);
    LocalDate cutoff = dates.get(Math.min(at, dates.size() - 1));
    double years = ChronoUnit.DAYS.between(dates.get(0), cutoff) / 365.25;
    return new TimeSplit(cutoff, (int) Math.max(1, Math.min(2, Math.floor(years / 3))));
  }
}
