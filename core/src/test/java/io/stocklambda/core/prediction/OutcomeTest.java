package io.stocklambda.core.prediction;

import static io.stocklambda.core.testing.Ticks.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeTest {

  private final Prediction upCall =
      new Prediction(
          "x.us",
          LocalDate.of(2001, 1, 5),
          List.of(10.0, 11.0),
          0.6,
          true,
          "v1",
          Layer.SPEED,
          Instant.EPOCH,
          null,
          null);

  @Test
  void theNextHigherCloseMakesAnUpCallCorrect() {
    Prediction resolved =
        upCall.withOutcome(Outcome.resolve(upCall, tick("x.us", "2001-01-08", 11.5)));
    assertThat(resolved.actualUp()).isTrue();
    assertThat(resolved.correct()).isTrue();
  }

  @Test
  void anUnchangedCloseMakesAnUpCallWrong() {
    Prediction resolved =
        upCall.withOutcome(Outcome.resolve(upCall, tick("x.us", "2001-01-08", 11.0)));
    assertThat(resolved.actualUp()).isFalse();
    assertThat(resolved.correct()).isFalse();
  }

  @Test
  void onlyALaterTickOfTheSameStockResolves() {
    assertThatThrownBy(() -> Outcome.resolve(upCall, tick("y.us", "2001-01-08", 1)))
        .hasMessageContaining("y.us");
    assertThatThrownBy(() -> Outcome.resolve(upCall, tick("x.us", "2001-01-05", 1)))
        .hasMessageContaining("not after");
  }
}
