package io.stocklambda.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stocklambda.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's main command, end to end: {@code stocklambda demo} on a small generated market with
 * a short duration, then the real stores it leaves behind (kept up with {@code --keep-stack}): the
 * model on HDFS, predictions of both layers in HBase and Elasticsearch with exactly one per (stock,
 * date), the query API answering; and a backfill run twice writing the same rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {

  // not under @TempDir, which is private (700): Elasticsearch runs as another user when we are root
  private final Path work =
      Dist.HOME.getParent().resolve("demo-it-" + UUID.randomUUID()).toAbsolutePath();
  private final HttpClient http = HttpClient.newHttpClient();
  private int[] ports;
  private Dist.Result demo;
  private Process api;

  @BeforeAll
  void runTheDemo() throws Exception {
    ports = Dist.freePorts(10);
    demo =
        Dist.run(
            work,
            15,
            "demo",
            "--stocks",
            "8",
            "--days",
            "1000",
            "--live-days",
            "20",
            "--speed",
            "10",
            "--duration",
            "25s",
            "--dir",
            work.resolve("demo").toString(),
            "--keep-stack",
            "--port",
            "" + ports[8],
            "--kafka-port",
            "" + ports[0],
            "--kafka-controller-port",
            "" + ports[1],
            "--hdfs-port",
            "" + ports[2],
            "--hbase-zookeeper-port",
            "" + ports[3],
            "--hbase-master-port",
            "" + ports[4],
            "--hbase-regionserver-port",
            "" + ports[5],
            "--elasticsearch-http-port",
            "" + ports[6],
            "--elasticsearch-transport-port",
            "" + ports[7]);
    if (demo.exit() == 0) {
      api =
          Dist.start(
              work.resolve("api.log"),
              "serving",
              "run",
              "--no-loader",
              "--port",
              "" + ports[9],
              "--zookeeper",
              "127.0.0.1:" + ports[3],
              "--elasticsearch",
              "http://127.0.0.1:" + ports[6]);
      awaitApi();
    }
  }

  @AfterAll
  void stopEverything() throws Exception {
    if (api != null) {
      Dist.stop(api);
    }
    Dist.Result down =
        Dist.run(work, "stack", "down", "--dir", work.resolve("demo/stack").toString());
    assertThat(down.exit()).as(down.out() + down.err()).isZero();
  }

  @Test
  @Order(1)
  void theDemoRunsTheWholeLoopAndStopsOnItsDuration() {
    assertThat(demo.exit()).as(demo.out() + demo.err()).isZero();
    assertThat(demo.out())
        .contains(
            "[7/7] replay 20 live trading days",
            "live web view     http://127.0.0.1:" + ports[8],
            "replay done",
            "this model is now CURRENT",
            "stopping replay, speed, archive, serving",
            "demo finished");
    assertThat(demo.out()).containsPattern("speed hit rate \\d+\\.\\d% of [\\d,]+");
  }

  @Test
  @Order(2)
  void theModelArtifactIsOnHdfs() throws Exception {
    Dist.Result models = Dist.run(work, "model", "list", "--hdfs", hdfs());
    assertThat(models.exit()).as(models.err()).isZero();
    assertThat(models.out()).containsPattern("demo-\\d{8}-\\d{6}").contains("CURRENT");
  }

  @Test
  @Order(3)
  void bothStoresServeBothLayersWithExactlyOnePredictionPerStockAndDate() throws Exception {
    JsonNode stocks = get("/api/stocks").path("stocks");
    assertThat(stocks.size()).isGreaterThanOrEqualTo(8);
    Set<String> layers = new HashSet<>();
    String horizon = null;
    for (JsonNode s : stocks) {
      String stock = s.path("stock").asText();
      List<String> fromHBase = rows(stock, "hbase");
      List<String> fromEs = rows(stock, "elasticsearch");
      assertThat(fromHBase).as("HBase " + stock).doesNotHaveDuplicates();
      assertThat(fromEs).as("Elasticsearch " + stock).doesNotHaveDuplicates();
      assertThat(keysOf(fromHBase))
          .as(stock + ": one row per date, the same in both stores")
          .isEqualTo(keysOf(fromEs))
          .hasSameSizeAs(fromHBase);
      fromHBase.forEach(r -> layers.add(r.substring(r.lastIndexOf('|') + 1)));
      horizon = get("/api/stocks/" + stock + "/predictions?limit=1").path("horizon").asText();
    }
    assertThat(layers).containsExactlyInAnyOrder("batch", "speed");
    assertThat(horizon).isNotBlank();
    JsonNode overview = get("/api/overview");
    assertThat(overview.path("servedByLayer").path("batch").asLong()).isPositive();
    assertThat(overview.path("servedByLayer").path("speed").asLong()).isPositive();
  }

  @Test
  @Order(4)
  void aBackfillRunTwiceWritesTheSameRows() throws Exception {
    String stock = get("/api/stocks").path("stocks").get(0).path("stock").asText();
    LocalDate horizon =
        LocalDate.parse(
            get("/api/stocks/" + stock + "/predictions?limit=1").path("horizon").asText());
    String from = horizon.minusDays(60).toString();
    String to = horizon.toString();
    List<String> before = backfilled(stock, from, to);

    Dist.Result first = backfill(stock, from, to);
    List<String> once = backfilled(stock, from, to);
    Dist.Result second = backfill(stock, from, to);
    List<String> twice = backfilled(stock, from, to);

    assertThat(once).isNotEmpty().doesNotHaveDuplicates().isEqualTo(before).isEqualTo(twice);
    long written = rowsWritten(first.out());
    assertThat(2 * written).as("rows written per store, and found in both").isEqualTo(once.size());
    assertThat(rowsWritten(second.out())).isEqualTo(written);
    assertThat(first.out()).contains("Elasticsearch " + String.format("%,d", written));
  }

  private Dist.Result backfill(String stock, String from, String to) throws Exception {
    Dist.Result result =
        Dist.run(
            work,
            5,
            "backfill",
            "--from",
            from,
            "--to",
            to,
            "--stocks",
            stock,
            "--hdfs",
            hdfs(),
            "--zookeeper",
            "127.0.0.1:" + ports[3],
            "--elasticsearch",
            "http://127.0.0.1:" + ports[6]);
    assertThat(result.exit()).as(result.out() + result.err()).isZero();
    return result;
  }

  private static long rowsWritten(String out) {
    Matcher m = Pattern.compile("rows written: HBase ([\\d,]+)").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }

  /** The batch rows of a range in both stores, without the time they were scored at. */
  private List<String> backfilled(String stock, String from, String to) throws Exception {
    List<String> out = new ArrayList<>();
    for (String store : List.of("hbase", "elasticsearch")) {
      for (JsonNode p :
          get("/api/stocks/"
                  + stock
                  + "/predictions?store="
                  + store
                  + "&from="
                  + from
                  + "&to="
                  + to
                  + "&limit=5000")
              .path("predictions")) {
        out.add(
            store
                + "|"
                + p.path("date").asText()
                + "|"
                + p.path("probabilityUp").asText()
                + "|"
                + p.path("modelVersion").asText()
                + "|"
                + p.path("actualUp").asText()
                + "|"
                + p.path("layer").asText());
      }
    }
    return out;
  }

  /** {@code date|layer} of every prediction of a stock in one store. */
  private List<String> rows(String stock, String store) throws Exception {
    List<String> out = new ArrayList<>();
    for (JsonNode p :
        get("/api/stocks/" + stock + "/predictions?store=" + store + "&limit=5000")
            .path("predictions")) {
      out.add(p.path("date").asText() + "|" + p.path("layer").asText());
    }
    return out;
  }

  private static Set<String> keysOf(List<String> rows) {
    Set<String> dates = new TreeSet<>();
    rows.forEach(r -> dates.add(r.substring(0, r.indexOf('|'))));
    return dates;
  }

  private String hdfs() {
    return "hdfs://127.0.0.1:" + ports[2];
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[9] + path))
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return Json.mapper().readTree(response.body());
  }

  private void awaitApi() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (get("/api/health").path("status").asText().equals("up")) {
          return;
        }
      } catch (Exception | AssertionError e) {
        // not up yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the query API did not come up in 90 s");
  }
}
