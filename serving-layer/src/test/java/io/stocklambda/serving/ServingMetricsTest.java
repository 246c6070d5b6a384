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

  @Test
  void storeWriteTimesAndRouteLatenciesAreSummariesInSeconds() {
    ServingMetrics metrics = new ServingMetrics();
    for (int i = 1; i <= 100; i++) {
      metrics.storeWrite("HBase", i * 1_000L); // 1..100 ms
    }
    metrics.storeWrite("Elasticsearch", 250_000);
    metrics.request("/api/predictions", 200, 2_000);

    String text = metrics.prometheus();

    assertThat(text)
        .contains("# TYPE stocklambda_serving_store_write_seconds summary\n")
        .contains("stocklambda_serving_store_write_seconds{store=\"HBase\",quantile=\"0.5\"} 0.050")
        .contains(
            "stocklambda_serving_store_write_seconds{store=\"HBase\",quantile=\"0.99\"} 0.099")
        .contains("stocklambda_serving_store_write_seconds_count{store=\"HBase\"} 100\n")
        .contains(
            "stocklambda_serving_store_write_seconds{store=\"Elasticsearch\",quantile=\"0.5\"} 0.250")
        .contains("# TYPE stocklambda_api_latency_seconds summary\n")
        .contains(
            "stocklambda_api_latency_seconds{route=\"/api/predictions\",quantile=\"0.5\"} 0.002")
        .contains("stocklambda_api_latency_seconds_count{route=\"/api/predictions\"} 1\n");
    assertThat(metrics.storeWriteTime("HBase").getTotalCount()).isEqualTo(100);
  }

  @Test
  void theServedViewsLagAndParityAreGauges() {
    io.stocklambda.core.serving.BatchHorizon view =
        new io.stocklambda.core.serving.BatchHorizon(
            7,
            "v9",
            java.time.LocalDate.of(2017, 11, 10),
            "m3",
            100,
            java.time.Instant.EPOCH,
            new io.stocklambda.core.serving.OnlineOfflineParity.Result(
                12, 10, 0, 2.2e-16, 2, java.util.List.of(), false));

    String text = ServingMetrics.servedView(view, 3, new long[] {0, 4, 6, 0}, 5.5);

    org.assertj.core.api.Assertions.assertThat(text)
        .contains("# TYPE stocklambda_batch_view_lag_trading_days gauge")
        .contains("stocklambda_batch_view_lag_trading_days 3\n")
        .contains("stocklambda_live_probability_up_bucket{le=\"0.25\"} 0\n")
        .contains("stocklambda_live_probability_up_bucket{le=\"0.50\"} 4\n")
        .contains("stocklambda_live_probability_up_bucket{le=\"0.75\"} 10\n")
        .contains("stocklambda_live_probability_up_bucket{le=\"+Inf\"} 10\n")
        .contains("stocklambda_live_probability_up_sum 5.500000\n")
        .contains("stocklambda_live_probability_up_count 10\n")
        .contains("stocklambda_parity_compared{view=\"v9\",model=\"m3\"} 10\n")
        .contains("stocklambda_parity_differing{view=\"v9\",model=\"m3\"} 0\n")
        .contains("stocklambda_parity_max_abs_difference{view=\"v9\",model=\"m3\"} 2.200000e-16\n");
    org.assertj.core.api.Assertions.assertThat(ServingMetrics.servedView(null, 5, new long[20], 0))
        .contains("stocklambda_batch_view_lag_trading_days 5")
        .doesNotContain("parity");
  }
}
