package io.stocklambda.speed;

import static io.stocklambda.core.testing.Ticks.series;
import static io.stocklambda.core.testing.Ticks.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.dataset.Topics;
import io.stocklambda.core.feature.FeatureSpec;
import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelKeys;
import io.stocklambda.core.model.ModelScorer;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.prediction.PredictionJson;
import io.stocklambda.core.testing.Models;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.core.window.LabeledWindow;
import io.stocklambda.core.window.WindowLabeler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real topology in TopologyTestDriver, with explicit wall-clock time. */
class ScoringTopologyTest {

  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);
  private static final JsonCodec<ModelArtifact> ARTIFACTS = JsonCodec.of(ModelArtifact.class);
  private static final Instant START = Instant.parse("2026-11-26T16:00:00Z");
  private static final FeatureSpec RAW = FeatureSpecs.of("thesis-raw", 3);
  private static final ModelArtifact V1 = Models.logistic("v1", RAW, -0.2, 0.05, -0.1, 0.07);
  private static final ModelArtifact V2 = Models.logistic("v2", RAW, 0.3, -0.02, 0.01, 0.01);

  @TempDir Path dir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> ticks;
  private TestInputTopic<String, byte[]> models;
  private TestOutputTopic<String, byte[]> predictions;
  private TestOutputTopic<String, byte[]> deadLetters;
  private TestOutputTopic<String, byte[]> shadow;
  private final SpeedMetrics metrics = new SpeedMetrics();

  @BeforeEach
  void driver() {
    SpeedConfig config =
        new SpeedConfig(
            "unused:9092",
            "speed-test",
            "1",
            dir,
            1,
            3,
            100,
            ModelArtifact.DEFAULT_NAME,
            Topics.TICKS,
            Topics.PREDICTIONS,
            Topics.TICKS_DLQ,
            Topics.MODELS,
            Topics.FEATURE_DRIFT,
            java.time.Duration.ofSeconds(30),
            java.util.Map.of("producer.compression.type", "none"));
    Properties props = ScoringTopology.streamsConfig(config);
    driver = new TopologyTestDriver(ScoringTopology.buildTopology(config, metrics), props, START);
    ticks =
        driver.createInputTopic(Topics.TICKS, new StringSerializer(), new ByteArraySerializer());
    models =
        driver.createInputTopic(Topics.MODELS, new StringSerializer(), new ByteArraySerializer());
    predictions =
        driver.createOutputTopic(
            Topics.PREDICTIONS, new StringDeserializer(), new ByteArrayDeserializer());
    deadLetters =
        driver.createOutputTopic(
            Topics.TICKS_DLQ, new StringDeserializer(), new ByteArrayDeserializer());
    shadow =
        driver.createOutputTopic(
            Topics.SHADOW_PREDICTIONS, new StringDeserializer(), new ByteArrayDeserializer());
  }

  @AfterEach
  void close() {
    driver.close();
  }

  @Test
  void windowsAndScoresAreExactlyCoresAndEachPredictionGetsItsOutcome() {
    publish(V1);
    List<Tick> series = series("ibm.us", "2017-11-06", 150, 151, 149.5, 149.5, 152);

    series.forEach(this::send);

    List<byte[]> records = predictions.readValuesToList();
    assertThat(records).as("one record a tick from the first full window on").hasSize(3);
    List<Prediction> out = records.stream().flatMap(v -> PredictionJson.read(v).stream()).toList();
    ModelScorer scorer = ModelScorer.of(V1);
    List<LabeledWindow> windows = WindowLabeler.windows(series, 3, true);
    // opens for the 3 full windows, each but the last resolved by the next tick, in this order
    assertThat(out)
        .extracting(p -> p.date() + (p.isResolved() ? " resolved" : " open"))
        .containsExactly(
            "2017-11-08 open",
            "2017-11-08 resolved",
            "2017-11-09 open",
            "2017-11-09 resolved",
            "2017-11-10 open");
    List<Prediction> opens = out.stream().filter(p -> !p.isResolved()).toList();
    for (int i = 0; i < windows.size(); i++) {
      assertThat(opens.get(i).probabilityUp())
          .isEqualTo(scorer.probabilityUp(windows.get(i).window()));
      assertThat(opens.get(i).closes()).isEqualTo(windows.get(i).window().closes());
      assertThat(opens.get(i).layer()).isEqualTo(Layer.SPEED);
      assertThat(opens.get(i).modelVersion()).isEqualTo("v1");
    }
    List<Prediction> resolved = out.stream().filter(Prediction::isResolved).toList();
    assertThat(resolved)
        .extracting(Prediction::actualUp)
        .containsExactly(
            windows.get(0).label().isUp(),
            windows.get(1).label().isUp()); // 149.5 after 149.5: not up; 149.5 -> 152: up
    assertThat(resolved)
        .extracting(Prediction::correct)
        .containsExactly(
            opens.get(0).up() == windows.get(0).label().isUp(),
            opens.get(1).up() == windows.get(1).label().isUp());
    assertThat(out.get(0).scoredAt()).isEqualTo(START);
  }

  @Test
  void duplicateAndOlderTicksAreDroppedAndCounted() {
    publish(V1);
    send(tick("a.us", "2001-01-02", 1));
    send(tick("a.us", "2001-01-03", 2));
    send(tick("a.us", "2001-01-03", 9)); // duplicate
    send(tick("a.us", "2001-01-01", 9)); // older
    send(tick("a.us", "2001-01-04", 3));

    assertThat(readPredictions())
        .singleElement()
        .satisfies(p -> assertThat(p.closes()).containsExactly(1.0, 2.0, 3.0));
    assertThat(metrics.snapshot().duplicates()).isEqualTo(1);
    assertThat(metrics.snapshot().outOfOrder()).isEqualTo(1);
  }

  @Test
  void aNewModelScoresFromTheNextTickOnWithoutRestart() {
    publish(V1);
    series("a.us", "2001-01-02", 1, 2, 3).forEach(this::send);
    publish(V2);
    send(tick("a.us", "2001-01-05", 4));

    List<Prediction> out = readPredictions();
    assertThat(out)
        .extracting(p -> p.date() + " " + p.modelVersion() + (p.isResolved() ? " resolved" : ""))
        .containsExactly("2001-01-04 v1", "2001-01-04 v1 resolved", "2001-01-05 v2");
    assertThat(out.get(2).probabilityUp())
        .isEqualTo(ModelScorer.of(V2).probabilityUp(new double[] {2, 3, 4}));
  }

  @Test
  void aModelThatCannotBeScoredIsRefusedAndTheOldOneStays() {
    publish(V1);
    models.pipeInput(ModelArtifact.DEFAULT_NAME, "{not a model".getBytes(StandardCharsets.UTF_8));
    publish(Models.logistic("wrong-window", FeatureSpecs.of("thesis-raw", 5), 0, 1, 1, 1, 1, 1));
    publish(Models.logistic("nan", RAW, Double.NaN, 1, 1, 1));
    series("a.us", "2001-01-02", 1, 2, 3).forEach(this::send);

    assertThat(readPredictions())
        .singleElement()
        .satisfies(p -> assertThat(p.modelVersion()).isEqualTo("v1"));
  }

  @Test
  void withoutAModelWindowsAreKeptAndScoringStartsWhenOneArrives() {
    series("a.us", "2001-01-02", 1, 2, 3, 4).forEach(this::send);
    assertThat(predictions.isEmpty()).isTrue();
    assertThat(metrics.snapshot().unscored()).isEqualTo(2);

    publish(V1);
    send(tick("a.us", "2001-01-06", 5));

    assertThat(readPredictions())
        .singleElement()
        .satisfies(p -> assertThat(p.closes()).containsExactly(3.0, 4.0, 5.0));
  }

  @Test
  void poisonGoesToTheDeadLetterTopicWithTheReasonAndTheStreamGoesOn() {
    publish(V1);
    ticks.pipeInput("x.us", "{oops".getBytes(StandardCharsets.UTF_8));
    ticks.pipeInput(
        "x.us",
        "{\"stock\":\"x.us\",\"price\":-1,\"date\":\"2001-01-02\"}"
            .getBytes(StandardCharsets.UTF_8));
    series("a.us", "2001-01-02", 1, 2, 3).forEach(this::send);

    List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
    assertThat(dead).hasSize(2);
    assertThat(
            new String(
                dead.get(0).headers().lastHeader(Topics.HEADER_ERROR).value(),
                StandardCharsets.UTF_8))
        .startsWith("not JSON");
    assertThat(
            new String(
                dead.get(1).headers().lastHeader(Topics.HEADER_ERROR).value(),
                StandardCharsets.UTF_8))
        .contains("close must be a finite price above zero");
    assertThat(new String(dead.get(1).value(), StandardCharsets.UTF_8)).contains("\"price\":-1");
    assertThat(readPredictions()).hasSize(1);
    assertThat(metrics.snapshot().poison()).isEqualTo(2);
  }

  @Test
  void aTickWhoseWindowCannotBeScoredIsDeadLetteredAndTheOtherStocksOfThePartitionGoOn() {
    // issue 14, case 1: a close of 4.9E-324 used to wedge the partition (the same offset retried
    // forever)
    FeatureSpec returns = FeatureSpecs.of("returns", 3);
    publish(
        Models.logistic(
            "returns-v1", returns, 0.1, 0.5, -0.5, 0.2, 0.1, 0.3, 0.1, 0.2, -0.1, 0.05));
    send(tick("ibm.us", "2001-01-02", 10));
    send(tick("ibm.us", "2001-01-03", 10));
    send(tick("ibm.us", "2001-01-04", 4.9E-324)); // its window: ln(4.9E-324 / 10) is -Infinity
    series("a.us", "2001-01-02", 1, 2, 3).forEach(this::send);
    send(tick("ibm.us", "2001-01-05", 10)); // still holds the tiny close: refused too
    send(tick("ibm.us", "2001-01-08", 11));
    send(tick("ibm.us", "2001-01-09", 12)); // the tiny close has left the window

    List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
    assertThat(dead).hasSize(3);
    assertThat(dead)
        .extracting(
            r ->
                new String(
                    r.headers().lastHeader(Topics.HEADER_ERROR).value(), StandardCharsets.UTF_8))
        .allSatisfy(
            reason ->
                assertThat(reason)
                    .contains("the window of ibm.us ending", "cannot be scored", "Infinity"));
    assertThat(
            new String(
                dead.get(0).headers().lastHeader(Topics.HEADER_ERROR).value(),
                StandardCharsets.UTF_8))
        .contains("ending 2001-01-04")
        .contains("feature logret_0 is -Infinity");
    assertThat(readPredictions())
        .extracting(p -> p.stock() + " " + p.date() + (p.isResolved() ? " resolved" : ""))
        .containsExactly("a.us 2001-01-04", "ibm.us 2001-01-09");
    assertThat(metrics.snapshot().poison()).isEqualTo(3);
  }

  @Test
  void anyOtherFailureOfOneRecordAfterDecodingIsDeadLetteredNotRetried() {
    publish(V1);
    // a state that does not decode, as a corrupt store entry would be: only that stock's tick is
    // refused
    driver
        .<String, byte[]>getKeyValueStore(ScoringProcessor.WINDOWS)
        .put("bad.us", new byte[] {1, 2, 3});
    send(tick("bad.us", "2001-01-02", 1));
    series("a.us", "2001-01-02", 1, 2, 3).forEach(this::send);

    List<TestRecord<String, byte[]>> dead = deadLetters.readRecordsToList();
    assertThat(dead).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("bad.us"));
    assertThat(readPredictions()).hasSize(1);
  }

  @Test
  void theThesisFormIsScoredLikeAFullTick() {
    publish(V1);
    for (String day : List.of("02", "03", "04")) {
      ticks.pipeInput(
          "ibm.us",
          ("{\"stock\":\"ibm.us\",\"price\":1"
                  + day
                  + ",\"date\":\"2001-01-"
                  + day
                  + "T00:00:00.000+01:00\"}")
              .getBytes(StandardCharsets.UTF_8));
    }

    assertThat(readPredictions())
        .singleElement()
        .satisfies(p -> assertThat(p.closes()).containsExactly(102.0, 103.0, 104.0));
  }

  @Test
  void aCandidateIsScoredInShadowOnTheSameWindowsAndNeverReachesThePredictions() {
    publish(V1);
    List<Tick> series = series("ibm.us", "2017-11-06", 150, 151, 149.5, 149.5, 152);
    send(series.get(0));
    // the candidate arrives after the first tick: it still scores every full window
    models.pipeInput(ModelKeys.candidate(V2.name(), "v2"), ARTIFACTS.encode(V2));
    series.subList(1, series.size()).forEach(this::send);

    List<Prediction> served = readPredictions();
    assertThat(served).extracting(Prediction::modelVersion).containsOnly("v1");
    List<byte[]> shadowRecords = shadow.readValuesToList();
    assertThat(shadowRecords).as("one record a tick, as on predictions").hasSize(3);
    List<Prediction> shadowed =
        shadowRecords.stream().flatMap(v -> PredictionJson.read(v).stream()).toList();
    assertThat(shadowed)
        .extracting(p -> p.date() + (p.isResolved() ? " resolved" : " open"))
        .containsExactly(
            "2017-11-08 open",
            "2017-11-08 resolved",
            "2017-11-09 open",
            "2017-11-09 resolved",
            "2017-11-10 open");
    assertThat(shadowed).extracting(Prediction::layer).containsOnly(Layer.SHADOW);
    assertThat(shadowed).extracting(Prediction::modelVersion).containsOnly("v2");
    ModelScorer candidate = ModelScorer.of(V2);
    List<LabeledWindow> windows = WindowLabeler.windows(series, 3, true);
    List<Prediction> opens = shadowed.stream().filter(p -> !p.isResolved()).toList();
    for (int i = 0; i < windows.size(); i++) {
      assertThat(opens.get(i).probabilityUp())
          .isEqualTo(candidate.probabilityUp(windows.get(i).window()));
    }
    // the same outcomes as the served calls of the same dates
    assertThat(shadowed.stream().filter(Prediction::isResolved).map(Prediction::actualUp))
        .containsExactlyElementsOf(
            served.stream().filter(Prediction::isResolved).map(Prediction::actualUp).toList());

    // withdrawn: no more shadow predictions; promoted (published as current): served, not shadowed
    models.pipeInput(ModelKeys.candidate(V2.name(), "v2"), (byte[]) null);
    send(tick("ibm.us", "2017-11-13", 153));
    assertThat(shadow.readValuesToList()).isEmpty();
    assertThat(readPredictions())
        .filteredOn(p -> !p.isResolved())
        .extracting(Prediction::modelVersion)
        .containsExactly("v1");
    models.pipeInput(ModelKeys.candidate(V2.name(), "v2"), ARTIFACTS.encode(V2));
    publish(V2);
    send(tick("ibm.us", "2017-11-14", 154));
    assertThat(shadow.readValuesToList()).isEmpty();
    assertThat(readPredictions())
        .filteredOn(p -> !p.isResolved())
        .extracting(Prediction::modelVersion)
        .containsExactly("v2");
  }

  @Test
  void aShadowFailureNeverDeadLettersATickWhosePredictionsAreOut() {
    publish(V1);
    models.pipeInput(ModelKeys.candidate(V2.name(), "v2"), ARTIFACTS.encode(V2));
    List<Tick> series = series("ibm.us", "2017-11-06", 150, 151, 149.5, 149.5);
    series.subList(0, 3).forEach(this::send);
    driver
        .<String, byte[]>getKeyValueStore(ScoringProcessor.SHADOWS)
        .put("ibm.us|v2", "not a prediction".getBytes(StandardCharsets.UTF_8));
    readPredictions();

    send(series.get(3));

    // the served resolution and the new call are out, the window kept the tick, nothing dead
    assertThat(deadLetters.readValuesToList()).isEmpty();
    assertThat(readPredictions())
        .extracting(p -> p.date() + (p.isResolved() ? " resolved" : " open"))
        .containsExactly("2017-11-08 resolved", "2017-11-09 open");
    assertThat(metrics.snapshot().monitorFailures()).isEqualTo(1);
    send(tick("ibm.us", "2017-11-10", 152));
    assertThat(readPredictions())
        .extracting(p -> p.date() + (p.isResolved() ? " resolved" : " open"))
        .containsExactly("2017-11-09 resolved", "2017-11-10 open");
  }

  @Test
  void aCandidateWhoseKeyNamesAnotherVersionIsRefused() {
    publish(V1);
    models.pipeInput(ModelKeys.candidate(V2.name(), "v3"), ARTIFACTS.encode(V2));
    series("ibm.us", "2017-11-06", 150, 151, 149.5).forEach(this::send);
    assertThat(readPredictions()).hasSize(1);
    assertThat(shadow.readValuesToList()).isEmpty();
  }

  private void publish(ModelArtifact model) {
    models.pipeInput(model.name(), ARTIFACTS.encode(model));
  }

  private void send(Tick tick) {
    ticks.pipeInput(tick.stock(), TICKS.encode(tick));
  }

  private List<Prediction> readPredictions() {
    return predictions.readValuesToList().stream()
        .flatMap(v -> PredictionJson.read(v).stream())
        .toList();
  }
}
