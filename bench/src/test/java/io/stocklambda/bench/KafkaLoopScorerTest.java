package io.stocklambda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelScorer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.prediction.PredictionJson;
import io.stocklambda.core.testing.Models;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.core.window.Window;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Kafka loop's scoring, without Kafka: what it writes for each tick. */
class KafkaLoopScorerTest {

  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);
  private static final LocalDate MONDAY = LocalDate.of(2017, 11, 6);
  private static final ModelArtifact MODEL =
      Models.logistic("v1", FeatureSpecs.of("thesis-raw", 5), 0, 0.01, 0.01, 0.01, 0.01, 0.01);

  @Test
  void aStocksFifthTickOpensACallWithCoresProbabilityAndTheSixthResolvesIt() {
    KafkaLoopScorer.Scoring scoring = new KafkaLoopScorer.Scoring(ModelScorer.of(MODEL), 5);
    for (int d = 0; d < 4; d++) {
      assertThat(scoring.score(tick("ibm.us", d, 100 + d))).as("tick %d of 4", d + 1).isNull();
    }
    assertThat(scoring.score("not json".getBytes(StandardCharsets.UTF_8)))
        .as("a tick that does not decode is skipped")
        .isNull();
    assertThat(scoring.score(tick("ge.us", 0, 20))).as("another stock's own window").isNull();

    KafkaLoopScorer.Scored scored = scoring.score(tick("ibm.us", 4, 104));
    assertThat(new String(scored.key(), StandardCharsets.UTF_8)).isEqualTo("ibm.us");
    List<Prediction> fifth = PredictionJson.read(scored.record());
    assertThat(fifth.get(0).scoredAt().getNano() % 1_000_000)
        .as("scored at the speed layer's clock, milliseconds")
        .isZero();
    assertThat(fifth).hasSize(1);
    assertThat(fifth.get(0).date()).isEqualTo(MONDAY.plusDays(4));
    Window window =
        new Window(
            "ibm.us",
            5,
            List.of(0, 1, 2, 3, 4).stream()
                .map(d -> Tick.ofClose("ibm.us", MONDAY.plusDays(d), 100 + d))
                .toList());
    assertThat(fifth.get(0).probabilityUp()).isEqualTo(ModelScorer.of(MODEL).probabilityUp(window));

    List<Prediction> sixth = PredictionJson.read(scoring.score(tick("ibm.us", 5, 90)).record());
    assertThat(sixth).as("the new call carrying the resolved one").hasSize(2);
    assertThat(sixth.get(0).date()).isEqualTo(MONDAY.plusDays(4));
    assertThat(sixth.get(0).actualUp()).isFalse();
    assertThat(sixth.get(1).date()).isEqualTo(MONDAY.plusDays(5));

    assertThat(scoring.score(tick("ibm.us", 5, 91)))
        .as("a tick not after the stock's last makes no record")
        .isNull();
  }

  private static byte[] tick(String stock, int day, double close) {
    return TICKS.encode(Tick.ofClose(stock, MONDAY.plusDays(day), close));
  }
}
