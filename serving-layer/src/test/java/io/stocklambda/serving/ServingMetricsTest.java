package io.stocklambda.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServingMetricsTest {

  @Test
  void aSpeedViewWaitingForAStoreLongerThanThirtySecondsIsReportedStalledUntilItWritesAgain() {
    ServingMetrics metrics = new ServingMetrics();
    long now = System.currentTimeMillis();
    assertThat(metrics.speedViewHealth(now)).isEqualTo("ok");

    metrics.speedStalled();
    metrics.speedStalled(); // the first call sets the time
    assertThat(metrics.speedViewHealth(now + 10_000)).isEqualTo("ok");
    assertThat(metrics.speedViewHealth(now + ServingMetrics.STALLED_AFTER_MS + 5_000))
        .startsWith("stalled: no speed-view rows written for 3");

    metrics.speedProgressed();
    assertThat(metrics.speedViewHealth(now + 60_000)).isEqualTo("ok");
  }
}
