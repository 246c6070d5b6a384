package io.stocklambda.core.dataset;

import static io.stocklambda.core.testing.Ticks.bar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.core.window.Label;
import io.stocklambda.core.window.LabeledWindow;
import io.stocklambda.core.window.Window;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingLineTest {

  private final Window window =
      Window.of(
          List.of(
              bar("ibm.us", "2017-11-09", 150.1, 150.28, 148.79, 150.07, 4679520),
              bar("ibm.us", "2017-11-10", 150.65, 150.89, 149.14, 149.16, 4306433)));

  @Test
  void aLabeledWindowRoundTrips() {
    LabeledWindow labeled = new LabeledWindow(window, Label.UP, LocalDate.of(2017, 11, 13));

    String line = TrainingLine.format(labeled);

    assertThat(line)
        .isEqualTo(
            "ibm.us,2017-11-10,1,2017-11-13,2,2017-11-09,150.1,150.28,148.79,150.07,4679520,2017-11-10,150.65,150.89,149.14,149.16,4306433");
    assertThat(TrainingLine.parse(line)).isEqualTo(labeled);
  }

  @Test
  void theLastWindowHasAnEmptyLabel() {
    LabeledWindow last = LabeledWindow.unlabeled(window);
    String line = TrainingLine.format(last);
    assertThat(line).startsWith("ibm.us,2017-11-10,,,2,");
    assertThat(TrainingLine.parse(line)).isEqualTo(last);
  }

  @Test
  void aLineOfTheLayoutBeforeLabelDatesAsksForANewTrainingSet() {
    String old =
        "ibm.us,2017-11-10,1,2,2017-11-09,150.1,150.28,148.79,150.07,4679520,2017-11-10,150.65,150.89,149.14,149.16,4306433";
    assertThatThrownBy(() -> TrainingLine.head(old)).hasMessageContaining("batch windows");
    assertThatThrownBy(() -> TrainingLine.parse(old)).hasMessageContaining("batch windows");
  }

  @Test
  void badLinesAreExplained() {
    assertThatThrownBy(() -> TrainingLine.parse("ibm.us,2017-11-10"))
        .hasMessageContaining("not a training line");
    assertThatThrownBy(
            () -> TrainingLine.parse("ibm.us,2017-11-10,1,2017-11-13,3,2017-11-09,1,1,1,1,1"))
        .hasMessageContaining("needs 23 fields");
    assertThatThrownBy(
            () -> TrainingLine.parse("ibm.us,2017-11-11,1,2017-11-13,1,2017-11-09,1,1,1,1,1"))
        .hasMessageContaining("not the window's last date");
    assertThatThrownBy(
            () -> TrainingLine.parse("ibm.us,2017-11-09,1,2017-11-09,1,2017-11-09,1,1,1,1,1"))
        .hasMessageContaining("must come after the window's last date");
    assertThatThrownBy(() -> TrainingLine.parse("ibm.us,2017-11-09,1,,1,2017-11-09,1,1,1,1,1"))
        .hasMessageContaining("a label and its row's date come together");
  }

  @Test
  void itsHeadIsTheFirstFieldsOfTheFullParse() {
    io.stocklambda.core.window.LabeledWindow labeled =
        io.stocklambda.core.window.WindowLabeler.windows(
                io.stocklambda.core.testing.Ticks.series("x.us", "2001-01-01", 1, 2, 3, 2), 3, true)
            .get(0);
    String line = TrainingLine.format(labeled);
    TrainingLine.Head head = TrainingLine.head(line);
    org.assertj.core.api.Assertions.assertThat(head.stock()).isEqualTo("x.us");
    org.assertj.core.api.Assertions.assertThat(head.date())
        .isEqualTo(labeled.window().last().date());
    org.assertj.core.api.Assertions.assertThat(head.label()).isEqualTo(labeled.label());
    org.assertj.core.api.Assertions.assertThat(head.labelDate()).isEqualTo(labeled.labelDate());
    String last =
        TrainingLine.format(
            io.stocklambda.core.window.WindowLabeler.windows(
                    io.stocklambda.core.testing.Ticks.series("x.us", "2001-01-01", 1, 2, 3, 2),
                    3,
                    true)
                .get(1));
    org.assertj.core.api.Assertions.assertThat(TrainingLine.head(last).label()).isNull();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainingLine.head("x.us,2001-01-01"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
