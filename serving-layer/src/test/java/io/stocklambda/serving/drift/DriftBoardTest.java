package io.stocklambda.serving.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stocklambda.core.eval.DriftSnapshot;
import io.stocklambda.core.json.JsonCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class DriftBoardTest {

  private static final List<List<Double>> HALVES = List.of(List.of(0.5, 0.5), List.of(0.5, 0.5));
  private static final Instant T0 = Instant.parse("2026-12-01T14:00:00Z");

  @Test
  void tasksOfAVersionAreSummedAndTheVersionWithTheLatestSnapshotServes() {
    DriftBoard board = new DriftBoard();
    board.accept("v1/0_0", snapshot("v1", 600, 0, 300, 300, T0));
    board.accept("v1/0_1", snapshot("v1", 600, 0, 300, 300, T0.plusSeconds(5)));
    board.accept("v2/0_0", snapshot("v2", 10, 10, 10, 10, T0.plusSeconds(60)));

    List<DriftSnapshot> versions = board.versions();

    assertThat(versions).extracting(DriftSnapshot::modelVersion).containsExactly("v2", "v1");
    DriftSnapshot v1 = versions.get(1);
    assertThat(v1.windows()).isEqualTo(1_200);
    assertThat(v1.liveCounts()).containsExactly(List.of(1_200L, 0L), List.of(600L, 600L));
    // a: all in bin 0 (the other floored at 1e-4) against halves
    double shifted = (1 - 0.5) * Math.log(1 / 0.5) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5);
    assertThat(v1.psi().get("a")).isCloseTo(shifted, within(1e-12));
    assertThat(v1.psi().get("b")).isZero();
    assertThat(board.current()).map(DriftSnapshot::modelVersion).contains("v2");
  }

  @Test
  void aShiftedFeatureOfTheServingModelDegradesHealthOnceThereAreEnoughWindows() {
    DriftBoard board = new DriftBoard(Clock.fixed(T0.plusSeconds(90), ZoneOffset.UTC));
    assertThat(board.health()).startsWith("unknown: no feature-drift snapshot");

    board.accept("v1/0_0", snapshot("v1", 500, 0, 250, 250, T0));
    assertThat(board.health())
        .isEqualTo("ok: model v1, 500 live window(s), too few to judge drift by (1,000 needed)");

    board.accept("v1/0_0", snapshot("v1", 1_000, 0, 500, 500, T0.plusSeconds(30)));
    assertThat(board.health())
        .isEqualTo("degraded: model v1, a PSI 4.604 (above 0.25) over 1,000 live windows");

    // a newer model serves now, its features as in training
    board.accept("v2/0_0", snapshot("v2", 500, 500, 500, 500, T0.plusSeconds(60)));
    assertThat(board.health())
        .isEqualTo("ok: model v2, largest PSI 0.000 (a) over 1,000 live windows");

    // nothing counted for a quarter of an hour: not judged
    DriftBoard later = new DriftBoard(Clock.fixed(T0.plus(Duration.ofMinutes(17)), ZoneOffset.UTC));
    later.accept("v1/0_0", snapshot("v1", 1_000, 0, 500, 500, T0.plusSeconds(30)));
    assertThat(later.health()).startsWith("unknown: the latest feature-drift snapshot (model v1)");
  }

  @Test
  void gaugesGiveEachFeaturesPsiAndTheWindowsPerVersion() {
    DriftBoard board = new DriftBoard();
    assertThat(board.prometheus()).isEmpty();
    board.accept("v1/0_0", snapshot("v1", 1_000, 0, 500, 500, T0));
    board.accept("v\"2/0_0", snapshot("v\"2", 40, 60, 50, 50, T0.plusSeconds(1)));

    String text = board.prometheus();

    assertThat(text)
        .contains("# TYPE stocklambda_feature_psi gauge\n")
        .contains("stocklambda_feature_psi{model=\"v1\",feature=\"a\"} 4.604318\n")
        .contains("stocklambda_feature_psi{model=\"v1\",feature=\"b\"} 0.000000\n")
        .contains("stocklambda_feature_psi{model=\"v\\\"2\",feature=\"a\"} 0.040547\n")
        .contains("# TYPE stocklambda_feature_drift_windows gauge\n")
        .contains("stocklambda_feature_drift_windows{model=\"v1\"} 1000\n")
        .contains("stocklambda_feature_drift_windows{model=\"v\\\"2\"} 100\n");
    assertThat(text.indexOf("# HELP stocklambda_feature_psi"))
        .isEqualTo(text.lastIndexOf("# HELP stocklambda_feature_psi"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> models = (List<Map<String, Object>>) board.view().get("models");
    assertThat(models).extracting(m -> m.get("model")).containsExactly("v\"2", "v1");
    assertThat(board.view()).containsEntry("degradedAbove", 0.25);
  }

  @Test
  void theConsumerKeepsTheLatestSnapshotPerKeyAndTombstonesRemove() {
    DriftConsumer drift = new DriftConsumer();
    JsonCodec<DriftSnapshot> codec = JsonCodec.of(DriftSnapshot.class);
    drift.accept(record(0, "v1/0_0", codec.encode(snapshot("v1", 1, 1, 1, 1, T0))));
    drift.accept(record(1, "v1/0_1", "not json".getBytes()));
    drift.accept(record(2, "v1/0_2", codec.encode(snapshot("v1", 2, 2, 2, 2, T0))));
    drift.accept(record(3, "v1/0_2", null));

    assertThat(drift.board().versions())
        .singleElement()
        .satisfies(s -> assertThat(s.windows()).isEqualTo(2));
  }

  private static ConsumerRecord<String, byte[]> record(long offset, String key, byte[] value) {
    return new ConsumerRecord<>("feature-drift", 0, offset, key, value);
  }

  /** Two features of two bins: counts of a, then of b. */
  private static DriftSnapshot snapshot(
      String version, long a0, long a1, long b0, long b1, Instant at) {
    return new DriftSnapshot(
        version,
        List.of("a", "b"),
        HALVES,
        List.of(List.of(a0, a1), List.of(b0, b1)),
        a0 + a1,
        T0.minusSeconds(3600),
        at);
  }
}
