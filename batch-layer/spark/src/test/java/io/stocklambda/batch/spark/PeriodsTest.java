package io.stocklambda.batch.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PeriodsTest {

  private static final LocalDate CUTOFF = LocalDate.of(2010, 1, 1);
  private final Periods periods =
      new Periods(LocalDate.of(2008, 1, 1), CUTOFF, LocalDate.of(2010, 10, 1));

  @Test
  void aHaltedStocksWindowDoesNotCarryATestPeriodLabelIntoTraining() {
    // the last window before a halt: dated 2009-12-18, labeled by the row of 2010-02-01
    LocalDate date = LocalDate.of(2009, 12, 18);
    LocalDate label = LocalDate.of(2010, 2, 1);
    assertThat(periods.train(label)).isFalse();
    assertThat(periods.validation(date, label)).isFalse();
    assertThat(periods.test(date)).as("and it is not a test window either: dated before").isFalse();
    // a seven-day calendar embargo would have kept it: its date is 14 days before the cutoff
    assertThat(date.isBefore(CUTOFF.minusDays(7))).isTrue();
  }

  @Test
  void theLabelRowDecidesAtEveryBoundary() {
    LocalDate thursday = LocalDate.of(2009, 12, 31);
    assertThat(periods.train(thursday)).as("labeled on the last day before the cutoff").isTrue();
    assertThat(periods.train(CUTOFF)).isFalse();
    assertThat(periods.fit(LocalDate.of(2007, 12, 31))).isTrue();
    assertThat(periods.fit(LocalDate.of(2008, 1, 2))).isFalse();
    assertThat(periods.validation(LocalDate.of(2008, 1, 2), LocalDate.of(2008, 1, 3))).isTrue();
    assertThat(periods.validation(LocalDate.of(2007, 12, 31), LocalDate.of(2008, 1, 2)))
        .as("a window dated before the validation slice, labeled in it: neither fit nor validation")
        .isFalse();
    assertThat(periods.test(CUTOFF)).isTrue();
    assertThat(periods.test(LocalDate.of(2010, 9, 30))).isTrue();
    assertThat(periods.test(LocalDate.of(2010, 10, 1))).isFalse();
    assertThat(periods.promotion(LocalDate.of(2010, 10, 1))).isTrue();
  }

  @Test
  void thePromotionSliceIsTheLastMonthsOrTheLaterHalfAfterTheCutoff() {
    assertThat(Periods.promotionStart(CUTOFF, LocalDate.of(2010, 12, 31), 3))
        .isEqualTo(LocalDate.of(2010, 10, 1));
    // two months after the cutoff: three months would swallow the test period, so half of it
    assertThat(Periods.promotionStart(CUTOFF, LocalDate.of(2010, 2, 28), 3))
        .isEqualTo(LocalDate.of(2010, 1, 31));
    // an odd count of days after the cutoff (2010-01-01 to 2010-01-05, 5 days): the later 2
    assertThat(Periods.promotionStart(CUTOFF, LocalDate.of(2010, 1, 5), 3))
        .isEqualTo(LocalDate.of(2010, 1, 4));
    // and a single day after the cutoff still makes a slice of one day
    assertThat(Periods.promotionStart(CUTOFF, LocalDate.of(2010, 1, 2), 3))
        .isEqualTo(LocalDate.of(2010, 1, 2));
    assertThatThrownBy(() -> Periods.promotionStart(CUTOFF, LocalDate.of(2009, 12, 30), 3))
        .hasMessageContaining("choose --cutoff inside the data");
    assertThatThrownBy(() -> new Periods(CUTOFF, CUTOFF, null))
        .hasMessageContaining("must precede the cutoff");
  }
}
