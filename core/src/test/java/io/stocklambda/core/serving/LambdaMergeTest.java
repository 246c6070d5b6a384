package io.stocklambda.core.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class LambdaMergeTest {

  private static final LocalDate HORIZON = LocalDate.of(2017, 6, 30);

  @Test
  void batchAnswersUpToAndIncludingTheHorizonAndSpeedAfterIt() {
    Prediction batch = prediction(HORIZON, Layer.BATCH, 0);
    Prediction speed = prediction(HORIZON, Layer.SPEED, 0);
    assertThat(LambdaMerge.choose(HORIZON, HORIZON, batch, speed)).isSameAs(batch);
    LocalDate after = HORIZON.plusDays(1);
    assertThat(
            LambdaMerge.choose(
                    after,
                    HORIZON,
                    prediction(after, Layer.BATCH, 0),
                    prediction(after, Layer.SPEED, 0))
                .layer())
        .isEqualTo(Layer.SPEED);
    assertThat(LambdaMerge.layerFor(HORIZON.minusYears(10), HORIZON)).isEqualTo(Layer.BATCH);
  }

  @Test
  void aMissingRowOfTheAnsweringLayerIsNotFilledByTheOther() {
    assertThat(LambdaMerge.choose(HORIZON, HORIZON, null, prediction(HORIZON, Layer.SPEED, 0)))
        .isNull();
    assertThat(
            LambdaMerge.choose(
                HORIZON.plusDays(3),
                HORIZON,
                prediction(HORIZON.plusDays(3), Layer.BATCH, 0),
                null))
        .isNull();
  }

  @Test
  void beforeAnyBatchViewTheSpeedViewAnswersEverything() {
    assertThat(LambdaMerge.layerFor(LocalDate.of(1962, 1, 2), null)).isEqualTo(Layer.SPEED);
    assertThat(LambdaMerge.expired(LocalDate.of(1962, 1, 2), null)).isFalse();
    assertThat(LambdaMerge.expired(HORIZON, HORIZON)).isTrue();
    assertThat(LambdaMerge.expired(HORIZON.plusDays(1), HORIZON)).isFalse();
  }

  @Test
  void aResolvedRecordIsNeverUndoneByAnOpenOneWhateverTheOrder() {
    Prediction open = prediction(HORIZON, Layer.SPEED, 5);
    Prediction resolved = open.withActual(true);
    assertThat(LambdaMerge.newer(open, resolved)).isSameAs(resolved);
    assertThat(LambdaMerge.newer(resolved, open)).isSameAs(resolved);
    Prediction later = prediction(HORIZON, Layer.SPEED, 9);
    assertThat(LambdaMerge.newer(later, open)).isSameAs(later);
    Prediction twin = prediction(HORIZON, Layer.SPEED, 5);
    assertThat(LambdaMerge.newer(open, twin)).as("a tie goes to the later arrival").isSameAs(twin);
    assertThat(LambdaMerge.newer(null, open)).isSameAs(open);
    assertThatThrownBy(
            () -> LambdaMerge.newer(open, prediction(HORIZON.plusDays(1), Layer.SPEED, 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keysAreTheContractsAndSortByDateWithinAStock() {
    assertThat(ServingKeys.rowKey("ibm.us", LocalDate.of(2017, 11, 10)))
        .isEqualTo("ibm.us#20171110");
    assertThat(ServingKeys.documentId("ibm.us", LocalDate.of(2017, 11, 10)))
        .isEqualTo("ibm.us_20171110");
    assertThat(ServingKeys.dateOfRowKey("ibm.us#20171110")).isEqualTo(LocalDate.of(2017, 11, 10));
    assertThat(ServingKeys.rowKey("ibm.us", LocalDate.of(2017, 1, 9)))
        .isLessThan(ServingKeys.rowKey("ibm.us", LocalDate.of(2017, 1, 10)));
    assertThat(ServingKeys.rowKeyAfter("ibm.us", LocalDate.of(2017, 12, 31)))
        .isEqualTo("ibm.us#20180101");
    assertThat(ServingKeys.checkStock("brk-b.us")).isEqualTo("brk-b.us");
    assertThatThrownBy(() -> ServingKeys.checkStock("IBM; drop"))
        .hasMessageContaining("not a stock symbol");
    assertThat(ServingKeys.checkStock("IBM.US")).isEqualTo("ibm.us");
    assertThatThrownBy(() -> ServingKeys.checkStock(null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Prediction prediction(LocalDate date, Layer layer, int second) {
    return new Prediction(
        "ibm.us",
        date,
        List.of(1.0, 2.0),
        0.6,
        true,
        "v1",
        layer,
        Instant.ofEpochSecond(second),
        null,
        null);
  }
}
