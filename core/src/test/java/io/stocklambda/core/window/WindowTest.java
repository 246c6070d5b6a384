package io.stocklambda.core.window;

import static io.stocklambda.core.testing.Ticks.series;
import static io.stocklambda.core.testing.Ticks.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.core.tick.Tick;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowTest {

  @Test
  void keepsTheLastNTicksOldestFirst() {
    Window window = Window.empty("x.us", 3);
    for (Tick tick : series("x.us", "2001-01-01", 1, 2, 3, 4, 5)) {
      window = window.push(tick).window();
    }
    assertThat(window.closes()).containsExactly(3.0, 4.0, 5.0);
    assertThat(window.isFull()).isTrue();
    assertThat(window.last().close()).isEqualTo(5.0);
  }

  @Test
  void isNotFullUntilItHoldsNTicks() {
    Window window = Window.empty("x.us", 5);
    for (Tick tick : series("x.us", "2001-01-01", 1, 2, 3, 4)) {
      window = window.push(tick).window();
      assertThat(window.isFull()).isFalse();
    }
    assertThat(window.push(tick("x.us", "2001-01-09", 5)).window().isFull()).isTrue();
  }

  @Test
  void duplicateAndOlderTicksAreNotAdmitted() {
    Window window =
        Window.empty("x.us", 5)
            .push(tick("x.us", "2001-01-02", 1))
            .window()
            .push(tick("x.us", "2001-01-05", 2))
            .window();

    Window.Push duplicate = window.push(tick("x.us", "2001-01-05", 99));
    Window.Push older = window.push(tick("x.us", "2001-01-03", 99));

    assertThat(duplicate.admission()).isEqualTo(Admission.DUPLICATE);
    assertThat(duplicate.window()).isSameAs(window);
    assertThat(older.admission()).isEqualTo(Admission.OUT_OF_ORDER);
    assertThat(older.window()).isSameAs(window);
  }

  @Test
  void gapsBetweenDatesAreAllowed() {
    Window window =
        Window.of(List.of(tick("x.us", "2001-01-02", 1), tick("x.us", "2001-03-30", 2)));
    assertThat(window.isFull()).isTrue();
  }

  @Test
  void refusesMixedStocksOrUnorderedTicks() {
    assertThatThrownBy(
            () -> Window.of(List.of(tick("x.us", "2001-01-02", 1), tick("y.us", "2001-01-03", 1))))
        .hasMessageContaining("tick of y.us in window of x.us");
    assertThatThrownBy(
            () -> Window.of(List.of(tick("x.us", "2001-01-03", 1), tick("x.us", "2001-01-03", 1))))
        .hasMessageContaining("strictly increase");
    assertThatThrownBy(() -> Window.empty("x.us", 2).push(tick("y.us", "2001-01-03", 1)))
        .hasMessageContaining("offered to window of x.us");
  }
}
