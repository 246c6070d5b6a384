package io.stocklambda.benchspark;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.live.StockState;
import io.stocklambda.core.live.StockStateCodec;
import io.stocklambda.core.model.ModelScorer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.prediction.PredictionJson;
import io.stocklambda.core.tick.Tick;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import scala.Tuple3;

class ScoreStockTest {

  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);
  private static final JsonCodec<Prediction> PREDICTIONS = JsonCodec.of(Prediction.class);
  private static final LocalDate MONDAY = LocalDate.of(2017, 11, 6);

  @Test
  void aMicroBatchInAnyOrderIsScoredInDateOrderAndItsStateCarriesOver() {
    ModelScorer scorer =
        ModelScorer.of(
            io.stocklambda.core.testing.Models.logistic(
                "v1", FeatureSpecs.of("thesis-raw", 5), 0, 0.01, 0.01, 0.01, 0.01, 0.01));
    List<Tuple3<String, byte[], Long>> batch = new ArrayList<>();
    for (int d : new int[] {3, 0, 4, 1, 2}) {
      batch.add(
          new Tuple3<>(
              "ibm.us",
              TICKS.encode(Tick.ofClose("ibm.us", MONDAY.plusDays(d), 100 + d)),
              1000L + d));
    }
    batch.add(new Tuple3<>("ibm.us", "not json".getBytes(StandardCharsets.UTF_8), 9L));
    List<Tuple3<String, byte[], Long>> out = new ArrayList<>();
    PredictionJson json = new PredictionJson();
    StockState state =
        ScoreStock.score(StockState.empty("ibm.us", 5), batch.iterator(), scorer, json, out);

    assertThat(out).hasSize(1);
    assertThat(out.get(0)._3())
        .as("the tick time of the tick that filled the window")
        .isEqualTo(1004L);
    assertThat(PREDICTIONS.decode(out.get(0)._2()).date()).isEqualTo(MONDAY.plusDays(4));

    // the state survives Spark's state store as bytes, and the next batch resolves the open
    // prediction
    StockState restored = StockStateCodec.decode(StockStateCodec.encode(state));
    List<Tuple3<String, byte[], Long>> next = new ArrayList<>();
    ScoreStock.score(
        restored,
        List.of(
                new Tuple3<>(
                    "ibm.us", TICKS.encode(Tick.ofClose("ibm.us", MONDAY.plusDays(5), 90)), 2000L))
            .iterator(),
        scorer,
        json,
        next);
    assertThat(next).as("one record: the new call carrying the resolved one").hasSize(1);
    List<Prediction> calls = PredictionJson.read(next.get(0)._2());
    Prediction resolved = calls.get(0);
    assertThat(resolved.date()).isEqualTo(MONDAY.plusDays(4));
    assertThat(resolved.actualUp()).isFalse();
    assertThat(calls.get(1).date()).isEqualTo(MONDAY.plusDays(5));
  }
}
