package io.stocklambda.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.eval.DriftSnapshot;
import io.stocklambda.serving.ServingMetrics;
import io.stocklambda.serving.drift.DriftBoard;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The drift routes of the real API, without stores: /metrics leaves out the store gauges. */
class QueryApiDriftTest {

  @Test
  void metricsShowEachFeaturesPsiAndApiDriftGivesTheServingModel() throws Exception {
    DriftBoard board =
        new DriftBoard(
            java.time.Clock.fixed(
                java.time.Instant.parse("2026-12-01T14:31:00Z"), java.time.ZoneOffset.UTC));
    board.accept(
        "v7/0_0",
        new DriftSnapshot(
            "v7",
            List.of("r1", "r2"),
            List.of(List.of(0.5, 0.5), List.of(0.5, 0.5)),
            List.of(List.of(900L, 100L), List.of(500L, 500L)),
            1_000,
            Instant.parse("2026-12-01T14:00:00Z"),
            Instant.parse("2026-12-01T14:30:00Z")));
    try (QueryApi api =
        new QueryApi(null, null, new LiveFeed(), new ServingMetrics(), () -> "ok", board)
            .start("127.0.0.1", 0)) {
      HttpClient http = HttpClient.newHttpClient();

      String metrics = get(http, api, "/metrics");
      String drift = get(http, api, "/api/drift");

      // r1: (0.9 - 0.5) ln(0.9 / 0.5) + (0.1 - 0.5) ln(0.1 / 0.5) = 0.878890
      assertThat(metrics)
          .contains("stocklambda_feature_psi{model=\"v7\",feature=\"r1\"} 0.878890\n")
          .contains("stocklambda_feature_psi{model=\"v7\",feature=\"r2\"} 0.000000\n")
          .contains("stocklambda_feature_drift_windows{model=\"v7\"} 1000\n");
      assertThat(drift)
          .contains("\"degradedAbove\":0.25")
          .contains("\"health\":\"degraded: model v7, r1 PSI 0.879 (above 0.25)")
          .contains("{\"feature\":\"r1\",\"psi\":0.87888")
          .contains("\"shifted\":true");
    }
  }

  private static String get(HttpClient http, QueryApi api, String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }
}
