package io.stocklambda.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpeedLayerWatchTest {

  @Test
  void waitingTicksWithNoCommittedProgressForTheThresholdIsAStallUntilTheOffsetsMove() {
    SpeedLayerWatch.Progress progress = new SpeedLayerWatch.Progress(60_000);
    assertThat(progress.observe(0, 100, 50)).isEqualTo("ok: 50 tick(s) waiting");
    assertThat(progress.observe(59_000, 100, 80)).isEqualTo("ok: 80 tick(s) waiting");
    assertThat(progress.observe(61_000, 100, 1_234))
        .isEqualTo("stalled: 1,234 tick(s) waiting and no offset committed for 61 s");
    assertThat(progress.observe(70_000, 101, 1_234))
        .as("one offset further is progress")
        .isEqualTo("ok: 1,234 tick(s) waiting");
    assertThat(progress.observe(129_000, 101, 1_234)).isEqualTo("ok: 1,234 tick(s) waiting");
    assertThat(progress.observe(131_000, 101, 1_234)).startsWith("stalled:");
  }

  @Test
  void aGroupWithNothingToReadIsNeverStalledHoweverLongItWaits() {
    SpeedLayerWatch.Progress progress = new SpeedLayerWatch.Progress(60_000);
    assertThat(progress.observe(0, 500, 0)).isEqualTo("ok: 0 tick(s) waiting");
    assertThat(progress.observe(600_000, 500, 0)).isEqualTo("ok: 0 tick(s) waiting");
    // ticks arrive after a long quiet spell: the clock starts at the last reading with nothing
    // waiting, not when the offsets last moved
    assertThat(progress.observe(610_000, 500, 10)).isEqualTo("ok: 10 tick(s) waiting");
    assertThat(progress.observe(659_000, 500, 10)).isEqualTo("ok: 10 tick(s) waiting");
    assertThat(progress.observe(661_000, 500, 10))
        .startsWith("stalled: 10 tick(s) waiting and no offset committed for 61 s");
  }
}
