package io.stocklambda.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.prediction.PredictionJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class PredictionOutcomesTest {

  private static final LocalDate DAY = LocalDate.of(2017, 11, 10);

  @Test
  void theCallARecordCarriesIsCountedWhenResolvedAndARecordThatIsNotAPredictionIsSkipped() {
    PredictionOutcomes outcomes = new PredictionOutcomes();
    Prediction first = call(DAY, 0.7);
    Prediction second = call(DAY.plusDays(3), 0.4);

    outcomes.accept(record(0, PredictionJson.encode(null, first)));
    outcomes.accept(record(1, PredictionJson.encode(first.withActual(false), second)));
    outcomes.accept(record(2, "{not json".getBytes(StandardCharsets.UTF_8)));

    assertThat(outcomes.scoreboard().rows())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.modelVersion()).isEqualTo("v1");
              assertThat(row.resolved()).isEqualTo(1);
              assertThat(row.hitRate()).isZero();
              assertThat(row.upShare()).isZero();
            });
    assertThat(outcomes.skipped()).isEqualTo(1);
  }

  private static ConsumerRecord<String, byte[]> record(long offset, byte[] value) {
    return new ConsumerRecord<>("predictions", 0, offset, "ibm.us", value);
  }

  private static Prediction call(LocalDate date, double p) {
    return new Prediction(
        "ibm.us",
        date,
        List.of(1.0, 2.0, 3.0, 4.0, 5.0),
        p,
        p >= 0.5,
        "v1",
        Layer.SPEED,
        Instant.parse("2026-12-02T12:00:00Z"),
        null,
        null);
  }
}
