package io.stocklambda.serving.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.core.eval.DriftSnapshot;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftRecorderTest {

  private static final Instant T0 = Instant.parse("2026-12-01T14:00:00Z");

  @Test
  void eachVersionIsRecordedOncePerNewSnapshotAndAFailedWriteIsOfferedAgain() throws Exception {
    DriftBoard board = new DriftBoard();
    List<List<DriftSnapshot>> written = new ArrayList<>();
    boolean[] down = {false};
    DriftRecorder recorder =
        new DriftRecorder(
            board,
            s -> {
              if (down[0]) {
                throw new IOException("Elasticsearch down");
              }
              written.add(List.copyOf(s));
            });

    assertThat(recorder.record()).as("no snapshot yet").isEmpty();

    board.accept("v1/0_0", snapshot("v1", 10, T0));
    board.accept("v1/0_1", snapshot("v1", 5, T0.plusSeconds(3)));
    assertThat(recorder.record())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.windows()).as("the tasks summed").isEqualTo(15);
              assertThat(s.at()).isEqualTo(T0.plusSeconds(3));
            });
    assertThat(recorder.record()).as("nothing newer").isEmpty();

    board.accept("v1/0_0", snapshot("v1", 20, T0.plusSeconds(30)));
    down[0] = true;
    assertThatThrownBy(recorder::record).hasMessage("Elasticsearch down");
    down[0] = false;
    assertThat(recorder.record())
        .as("offered again after the failure")
        .extracting(DriftSnapshot::windows)
        .containsExactly(25L);
    assertThat(written).hasSize(2);
  }

  private static DriftSnapshot snapshot(String version, long windows, Instant at) {
    return new DriftSnapshot(
        version,
        List.of("a"),
        List.of(List.of(0.5, 0.5)),
        List.of(List.of(windows, 0L)),
        windows,
        T0.minusSeconds(60),
        at);
  }
}
