package io.stocklambda.core.window;

import static io.stocklambda.core.testing.Ticks.series;
import static io.stocklambda.core.testing.Ticks.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.tick.Tick;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowLabelerTest {

  @Test
  void everyFullWindowIsLabeledByTheNextClose() {
    List<Tick> ticks = series("x.us", "2001-01-01", 10, 11, 12, 11, 11, 13);

    List<LabeledWindow> windows = WindowLabeler.windows(ticks, 3, true);

    assertThat(windows)
        .extracting(w -> w.window().closes())
        .containsExactly(
            List.of(10.0, 11.0, 12.0),
            List.of(11.0, 12.0, 11.0),
            List.of(12.0, 11.0, 11.0),
            List.of(11.0, 11.0, 13.0));
    assertThat(windows)
        .extracting(LabeledWindow::label)
        .containsExactly(Label.NOT_UP, Label.NOT_UP, Label.UP, null);
  }

  @Test
  void theLabelCarriesTheDateOfTheRowItComesFromEvenAfterAHalt() {
    // a stock halted for five weeks: its window of early January is labeled by the row of February
    List<Tick> ticks =
        List.of(
            tick("x.us", "2001-01-02", 10),
            tick("x.us", "2001-01-03", 11),
            tick("x.us", "2001-02-07", 12),
            tick("x.us", "2001-02-08", 9));

    List<LabeledWindow> windows = WindowLabeler.windows(ticks, 2, true);

    assertThat(windows)
        .extracting(w -> w.window().last().date().toString(), w -> String.valueOf(w.labelDate()))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("2001-01-03", "2001-02-07"),
            org.assertj.core.groups.Tuple.tuple("2001-02-07", "2001-02-08"),
            org.assertj.core.groups.Tuple.tuple("2001-02-08", "null"));
  }

  @Test
  void anUnchangedCloseIsNotUp() {
    assertThat(Label.between(5.0, 5.0)).isEqualTo(Label.NOT_UP);
    assertThat(Label.between(5.0, 5.0001)).isEqualTo(Label.UP);
    assertThat(Label.between(5.0, 4.9)).isEqualTo(Label.NOT_UP);
  }

  @Test
  void aHistoryShorterThanTheWindowHasNoWindow() {
    assertThat(WindowLabeler.windows(series("x.us", "2001-01-01", 1, 2, 3, 4), 5, true)).isEmpty();
  }

  @Test
  void aHistoryOfExactlyOneWindowHasOnlyItsUnlabeledWindow() {
    List<LabeledWindow> windows =
        WindowLabeler.windows(series("x.us", "2001-01-01", 1, 2, 3, 4, 5), 5, true);
    assertThat(windows).singleElement().satisfies(w -> assertThat(w.isLabeled()).isFalse());
    assertThat(WindowLabeler.windows(series("x.us", "2001-01-01", 1, 2, 3, 4, 5), 5, false))
        .isEmpty();
  }

  @Test
  void duplicateAndOutOfOrderTicksAreDroppedAndCounted() {
    WindowLabeler labeler = new WindowLabeler(2);
    List<LabeledWindow> out = new ArrayList<>();
    for (Tick t :
        List.of(
            tick("x.us", "2001-01-01", 1),
            tick("x.us", "2001-01-02", 2),
            tick("x.us", "2001-01-02", 7), // duplicate date: first one wins
            tick("x.us", "2001-01-01", 9), // older
            tick("x.us", "2001-01-04", 3))) {
      labeler.accept(t).ifPresent(out::add);
    }

    assertThat(out)
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.window().closes()).containsExactly(1.0, 2.0);
              assertThat(w.label()).isEqualTo(Label.UP);
            });
    assertThat(labeler.duplicates()).isEqualTo(1);
    assertThat(labeler.outOfOrder()).isEqualTo(1);
    assertThat(labeler.finish())
        .hasValueSatisfying(w -> assertThat(w.window().closes()).containsExactly(2.0, 3.0));
  }

  @Test
  void labelValuesAreTheTrainingTargets() {
    assertThat(Label.UP.value()).isEqualTo(1);
    assertThat(Label.NOT_UP.value()).isZero();
    assertThat(Label.ofValue(1)).isEqualTo(Label.UP);
  }
}
