package io.stocklambda.ingest.replay;

import static io.stocklambda.core.testing.Ticks.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaceTest {

  @Test
  void aRateSpacesTicksEvenly() throws InterruptedException {
    Pace.Rate rate = new Pace.Rate(1000, System::nanoTime);
    assertThat(rate.dueAfter(tick("a.us", "2001-01-02", 1))).isZero();
    rate.await(tick("a.us", "2001-01-02", 1));
    rate.await(tick("b.us", "2001-01-02", 1));
    assertThat(rate.dueAfter(tick("c.us", "2001-01-02", 1))).isEqualTo(2_000_000L);
  }

  @Test
  void daysPerSecondWaitsOnlyWhenTheDateChanges() throws InterruptedException {
    Pace.DaysPerSecond pace = new Pace.DaysPerSecond(1000, System::nanoTime);
    pace.await(tick("a.us", "2001-01-02", 1));
    pace.await(tick("b.us", "2001-01-02", 1));
    pace.await(tick("c.us", "2001-01-02", 1));
    assertThat(pace.dueAfter(tick("c.us", "2001-01-02", 1))).isZero();
    pace.await(tick("a.us", "2001-01-03", 1));
    pace.await(tick("a.us", "2001-01-04", 1));
    assertThat(pace.dueAfter(tick("a.us", "2001-01-04", 1))).isEqualTo(2_000_000L);
  }

  @Test
  void aRateReallyWaits() throws InterruptedException {
    Pace rate = Pace.rate(200);
    long start = System.nanoTime();
    for (int i = 0; i < 21; i++) {
      rate.await(tick("a.us", "2001-01-02", 1));
    }
    assertThat((System.nanoTime() - start) / 1e6)
        .isGreaterThanOrEqualTo(95); // 20 intervals of 5 ms
  }

  @Test
  void paceMustBePositive() {
    assertThatThrownBy(() -> Pace.rate(0)).hasMessageContaining("--rate");
    assertThatThrownBy(() -> Pace.daysPerSecond(-1)).hasMessageContaining("--days-per-second");
  }
}
