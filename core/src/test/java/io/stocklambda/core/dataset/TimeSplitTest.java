package io.stocklambda.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TimeSplitTest {

  private static final LocalDate START = LocalDate.of(2005, 1, 3);

  @Test
  void theTestPeriodIsTheLastYearOfHistoryOrItsLastQuarter() {
    assertThat(TimeSplit.of(days(2000)).cutoff()).isEqualTo(START.plusDays(2000 - 252));
    assertThat(TimeSplit.of(days(400)).cutoff()).isEqualTo(START.plusDays(300));
  }

  @Test
  void validationIsAThirdOfWhatPrecedesTheCutoffOneOrTwoYears() {
    assertThat(TimeSplit.of(days(3650)).validationYears()).isEqualTo(2);
    assertThat(TimeSplit.of(days(1600)).validationYears()).isEqualTo(1);
    assertThat(TimeSplit.of(days(200)).validationYears()).isEqualTo(1);
  }

  @Test
  void aFewDaysAreNotEnough() {
    assertThatThrownBy(() -> TimeSplit.of(days(5))).hasMessageContaining("too short");
  }

  private static TreeSet<LocalDate> days(int n) {
    TreeSet<LocalDate> dates = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      dates.add(START.plusDays(i));
    }
    return dates;
  }
}
