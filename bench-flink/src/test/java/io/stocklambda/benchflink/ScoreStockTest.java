package io.stocklambda.benchflink;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelScorer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.prediction.PredictionJson;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.core.window.Window;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The Flink anchor's keyed function on Flink's own operator harness, with keyed state. */
class ScoreStockTest {

  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);
  private static final JsonCodec<Prediction> PREDICTIONS = JsonCodec.of(Prediction.class);
  private static final LocalDate MONDAY = LocalDate.of(2017, 11, 6);

  @Test
  void eachStocksWindowIsScoredWithCoresProbabilityAndItsStateSurvivesASnapshot() throws Exception {
    ModelArtifact model =
        io.stocklambda.core.testing.Models.logistic(
            "v1", FeatureSpecs.of("thesis-raw", 5), 0, 0.01, 0.01, 0.01, 0.01, 0.01);
    String artifact = JsonCodec.of(ModelArtifact.class).encodeToString(model);
    KeyedOneInputStreamOperatorTestHarness<String, TimedRecord, TimedRecord> harness =
        harness(artifact);
    harness.open();
    for (int d = 0; d < 5; d++) {
      harness.processElement(tick("ibm.us", d, 100 + d, 1000L + d));
    }
    harness.processElement(
        new StreamRecord<>(
            new TimedRecord("ibm.us", "not json".getBytes(StandardCharsets.UTF_8), 9L)));
    harness.processElement(tick("ge.us", 0, 20, 2000L));

    List<TimedRecord> out = harness.extractOutputValues();
    assertThat(out).hasSize(1);
    Prediction opened = PREDICTIONS.decode(out.get(0).value);
    assertThat(out.get(0).time)
        .as("the tick time of the tick that filled the window")
        .isEqualTo(1004L);
    assertThat(opened.date()).isEqualTo(MONDAY.plusDays(4));
    Window window =
        new Window(
            "ibm.us",
            5,
            List.of(0, 1, 2, 3, 4).stream()
                .map(d -> Tick.ofClose("ibm.us", MONDAY.plusDays(d), 100 + d))
                .toList());
    assertThat(opened.probabilityUp()).isEqualTo(ModelScorer.of(model).probabilityUp(window));

    // the state survives a checkpoint and a restore, and the next tick resolves the open call
    var snapshot = harness.snapshot(1, 5000L);
    harness.close();
    KeyedOneInputStreamOperatorTestHarness<String, TimedRecord, TimedRecord> restored =
        harness(artifact);
    restored.initializeState(snapshot);
    restored.open();
    restored.processElement(tick("ibm.us", 5, 90, 3000L));
    List<TimedRecord> next = restored.extractOutputValues();
    assertThat(next).as("one record: the new call carrying the resolved one").hasSize(1);
    List<Prediction> calls = PredictionJson.read(next.get(0).value);
    Prediction resolved = calls.get(0);
    assertThat(resolved.date()).isEqualTo(MONDAY.plusDays(4));
    assertThat(resolved.actualUp()).isFalse();
    assertThat(calls.get(1).date()).isEqualTo(MONDAY.plusDays(5));
    restored.close();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, TimedRecord, TimedRecord> harness(
      String artifact) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new ScoreStock(artifact, 5)),
        r -> r.key,
        org.apache.flink.api.common.typeinfo.Types.STRING);
  }

  private static StreamRecord<TimedRecord> tick(String stock, int day, double close, long time) {
    return new StreamRecord<>(
        new TimedRecord(
            stock, TICKS.encode(Tick.ofClose(stock, MONDAY.plusDays(day), close)), time),
        time);
  }
}
