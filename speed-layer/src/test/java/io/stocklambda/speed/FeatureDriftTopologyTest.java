package io.stocklambda.speed;

import static io.stocklambda.core.testing.Ticks.series;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.dataset.Topics;
import io.stocklambda.core.eval.DriftSnapshot;
import io.stocklambda.core.eval.FeatureDrift;
import io.stocklambda.core.feature.FeatureBins;
import io.stocklambda.core.feature.FeatureSpec;
import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.testing.Models;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.core.window.LabeledWindow;
import io.stocklambda.core.window.WindowLabeler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real topology in TopologyTestDriver: scored windows counted into the model's training bins
 * and published per task on the wall clock.
 */
class FeatureDriftTopologyTest {

  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);
  private static final JsonCodec<ModelArtifact> ARTIFACTS = JsonCodec.of(ModelArtifact.class);
  private static final JsonCodec<DriftSnapshot> SNAPSHOTS = JsonCodec.of(DriftSnapshot.class);
  private static final Instant START = Instant.parse("2026-12-01T14:00:00Z");
  private static final Duration INTERVAL = Duration.ofSeconds(30);
  private static final FeatureSpec RAW = FeatureSpecs.of("thesis-raw", 3);

  /** Closes of 100 to 199 in training: edges at 109, 119, ..., 189. */
  private static final FeatureBins BINS =
      FeatureBins.fit(
          RAW.featureNames(),
          IntStream.range(100, 200).mapToObj(c -> new double[] {c, c, c}).toArray(double[][]::new));

  private static final ModelArtifact V1 =
      Models.logistic("v1", RAW, -0.2, 0.001, -0.001, 0.001).withFeatureBins(BINS);
  private static final ModelArtifact V2_WITHOUT_BINS =
      Models.logistic("v2", RAW, 0.3, -0.001, 0.001, 0.001);
  private static final ModelArtifact V3 =
      Models.logistic("v3", RAW, 0.1, 0.001, 0.001, 0.001).withFeatureBins(BINS);

  @TempDir Path dir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> ticks;
  private TestInputTopic<String, byte[]> models;
  private TestOutputTopic<String, byte[]> drift;

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
            INTERVAL,
            java.util.Map.of());
    driver =
        new TopologyTestDriver(
            ScoringTopology.buildTopology(config, new SpeedMetrics()),
            ScoringTopology.streamsConfig(config),
            START);
    ticks =
        driver.createInputTopic(Topics.TICKS, new StringSerializer(), new ByteArraySerializer());
    models =
        driver.createInputTopic(Topics.MODELS, new StringSerializer(), new ByteArraySerializer());
    drift =
        driver.createOutputTopic(
            Topics.FEATURE_DRIFT, new StringDeserializer(), new ByteArrayDeserializer());
  }

  @AfterEach
  void close() {
    driver.close();
  }

  @Test
  void scoredWindowsAreCountedIntoTheTrainingBinsAndPublishedOnTheWallClock() {
    publish(V1);
    List<Tick> ibm = series("ibm.us", "2017-11-06", 150, 151, 149.5, 210, 152);
    List<Tick> low = series("low.us", "2017-11-06", 90, 101, 105);
    ibm.forEach(this::send);
    low.forEach(this::send);
    assertThat(drift.isEmpty()).as("nothing before the first interval").isTrue();

    driver.advanceWallClockTime(INTERVAL);

    KeyValue<String, byte[]> out = drift.readKeyValue();
    DriftSnapshot snapshot = SNAPSHOTS.decode(out.value);
    assertThat(out.key).isEqualTo("v1/0_0");
    // core's counts of the very windows the model scored: 3 of ibm.us, 1 of low.us
    FeatureDrift expected = new FeatureDrift("v1", BINS, START);
    for (List<Tick> stock : List.of(ibm, low)) {
      for (LabeledWindow w : WindowLabeler.windows(stock, 3, true)) {
        expected.add(RAW.features(w.window()));
      }
    }
    assertThat(snapshot).isEqualTo(expected.snapshot(START.plus(INTERVAL)));
    assertThat(snapshot.windows()).isEqualTo(4);
    assertThat(snapshot.liveCounts().get(0))
        .containsExactly(1L, 0L, 0L, 0L, 0L, 3L, 0L, 0L, 0L, 0L);
    assertThat(snapshot.trainingShares()).isEqualTo(BINS.shares());

    driver.advanceWallClockTime(INTERVAL);
    assertThat(drift.isEmpty()).as("no new window, no new snapshot").isTrue();
  }

  @Test
  void aNewModelSendsTheOldCountsAndStartsAfreshAndOneWithoutBinsIsNotTracked() {
    publish(V1);
    series("a.us", "2001-01-02", 101, 102, 103).forEach(this::send);
    publish(V2_WITHOUT_BINS);
    send(Tick.ofClose("a.us", java.time.LocalDate.parse("2001-01-05"), 104));
    KeyValue<String, byte[]> last = drift.readKeyValue();
    assertThat(last.key).as("the replaced model's last counts, at once").isEqualTo("v1/0_0");
    assertThat(SNAPSHOTS.decode(last.value).windows()).isEqualTo(1);
    driver.advanceWallClockTime(INTERVAL);
    assertThat(drift.isEmpty()).as("the model that scores now has no bins").isTrue();

    publish(V3);
    send(Tick.ofClose("a.us", java.time.LocalDate.parse("2001-01-08"), 105));
    driver.advanceWallClockTime(INTERVAL);

    KeyValue<String, byte[]> out = drift.readKeyValue();
    assertThat(out.key).isEqualTo("v3/0_0");
    assertThat(SNAPSHOTS.decode(out.value).windows()).isEqualTo(1);
    assertThat(drift.isEmpty()).isTrue();
  }

  private void publish(ModelArtifact model) {
    models.pipeInput(model.name(), ARTIFACTS.encode(model));
  }

  private void send(Tick tick) {
    ticks.pipeInput(tick.stock(), TICKS.encode(tick));
  }
}
