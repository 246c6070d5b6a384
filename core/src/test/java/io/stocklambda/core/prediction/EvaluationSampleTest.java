package io.stocklambda.core.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationSampleTest {

  private static final LocalDate LABELS_BEFORE = LocalDate.of(2017, 11, 11);

  @Test
  void batchPredictionsBeforeTheModelsNewestLabelAreFitsTheOthersForecasts() {
    // the newest label is of 2017-11-10: the window of 11-09 may have been learned from, the
    // window of 11-10 is labeled by a later row the model never saw
    assertThat(EvaluationSample.of(on("2017-11-09", Layer.BATCH), LABELS_BEFORE))
        .isEqualTo(EvaluationSample.IN_SAMPLE);
    assertThat(EvaluationSample.of(on("2017-11-10", Layer.BATCH), LABELS_BEFORE))
        .isEqualTo(EvaluationSample.OUT_OF_TIME);
    assertThat(EvaluationSample.of(on("2017-11-11", Layer.BATCH), LABELS_BEFORE))
        .isEqualTo(EvaluationSample.OUT_OF_TIME);
    assertThat(EvaluationSample.of(on("2017-11-10", Layer.BATCH), null))
        .isEqualTo(EvaluationSample.UNKNOWN);
  }

  @Test
  void everySpeedPredictionIsLive() {
    assertThat(EvaluationSample.of(on("2001-01-02", Layer.SPEED), LABELS_BEFORE))
        .isEqualTo(EvaluationSample.LIVE);
    assertThat(EvaluationSample.LIVE.id()).isEqualTo("live");
    assertThat(EvaluationSample.OUT_OF_TIME.id()).isEqualTo("out-of-time");
  }

  private static Prediction on(String date, Layer layer) {
    return new Prediction(
        "ibm.us",
        LocalDate.parse(date),
        List.of(1.0, 2.0),
        0.6,
        true,
        "v1",
        layer,
        Instant.ofEpochSecond(1),
        null,
        null);
  }
}
