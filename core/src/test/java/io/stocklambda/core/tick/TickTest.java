package io.stocklambda.core.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TickTest {

  private static final LocalDate DAY = LocalDate.of(2017, 11, 10);

  @Test
  void acceptsAValidBar() {
    Tick tick = new Tick("ibm.us", DAY, 150.65, 150.89, 149.14, 149.16, 4_306_433);
    assertThat(tick.close()).isEqualTo(149.16);
  }

  @Test
  void unknownOpenHighLowMayBeZero() {
    assertThat(new Tick("x.us", DAY, 0, 0, 0, 1.5, 0).close()).isEqualTo(1.5);
  }

  @Test
  void rejectsNonPositiveOrNonFiniteClose() {
    assertThatThrownBy(() -> new Tick("x.us", DAY, 1, 1, 1, 0, 1)).hasMessageContaining("close");
    assertThatThrownBy(() -> new Tick("x.us", DAY, 1, 1, 1, -2, 1)).hasMessageContaining("close");
    assertThatThrownBy(() -> new Tick("x.us", DAY, 1, 1, 1, Double.NaN, 1))
        .hasMessageContaining("close");
    assertThatThrownBy(() -> new Tick("x.us", DAY, 1, 1, 1, Double.POSITIVE_INFINITY, 1))
        .hasMessageContaining("close");
  }

  @Test
  void rejectsNegativeOpenHighLowOrVolume() {
    assertThatThrownBy(() -> new Tick("x.us", DAY, -1, 1, 1, 1, 1)).hasMessageContaining("open");
    assertThatThrownBy(() -> new Tick("x.us", DAY, 1, Double.NaN, 1, 1, 1))
        .hasMessageContaining("high");
    assertThatThrownBy(() -> new Tick("x.us", DAY, 1, 1, -0.5, 1, 1)).hasMessageContaining("low");
    assertThatThrownBy(() -> new Tick("x.us", DAY, 1, 1, 1, 1, -1)).hasMessageContaining("volume");
  }

  @Test
  void rejectsMissingStockOrDate() {
    assertThatThrownBy(() -> new Tick(" ", DAY, 1, 1, 1, 1, 1)).hasMessageContaining("stock");
    assertThatThrownBy(() -> new Tick("x.us", null, 1, 1, 1, 1, 1)).hasMessageContaining("date");
  }
}
