package io.stocklambda.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.json.Json;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.testing.Models;
import io.stocklambda.core.tick.Tick;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The live half of the Lambda loop as users run it, every part a process of the distribution: the
 * stack (Kafka, HBase, Elasticsearch), {@code speed run} and {@code serving run}; ticks go in, and
 * headless Chromium sees the predictions arrive in the live web view.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveLoopIT {

  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);
  private static final String STOCK = "live.us";
  private static final LocalDate MONDAY = LocalDate.of(2017, 11, 6);

  // not under @TempDir, which is private (700): Elasticsearch runs as another user when we are root
  private final Path work =
      Dist.HOME.getParent().resolve("live-it-" + UUID.randomUUID()).toAbsolutePath();
  private final List<Process> processes = new ArrayList<>();
  private int[] ports;
  private Dist.Result up;

  @BeforeAll
  void startTheLoop() throws Exception {
    ports = Dist.freePorts(9);
    up =
        Dist.run(
            work,
            "stack",
            "up",
            "--dir",
            stack(),
            "--engines",
            "kafka,hdfs,hbase,elasticsearch",
            "--hdfs-port",
            "" + ports[8],
            "--kafka-port",
            "" + ports[0],
            "--kafka-controller-port",
            "" + ports[1],
            "--hbase-zookeeper-port",
            "" + ports[2],
            "--hbase-master-port",
            "" + ports[3],
            "--hbase-regionserver-port",
            "" + ports[4],
            "--elasticsearch-http-port",
            "" + ports[5],
            "--elasticsearch-transport-port",
            "" + ports[6]);
    assertThat(up.exit()).as(up.out() + up.err()).isZero();
    processes.add(
        Dist.start(
            work.resolve("speed.log"),
            "speed",
            "run",
            "--bootstrap",
            bootstrap(),
            "--state-dir",
            work.resolve("speed-state").toString(),
            "--metrics-seconds",
            "5"));
    processes.add(
        Dist.start(
            work.resolve("serving.log"),
            "serving",
            "run",
            "--bootstrap",
            bootstrap(),
            "--zookeeper",
            "127.0.0.1:" + ports[2],
            "--elasticsearch",
            elasticsearch(),
            "--port",
            "" + ports[7]));
  }

  @AfterAll
  void stopTheLoop() throws Exception {
    for (Process p : processes) {
      assertThat(Dist.stop(p)).as("a process of the loop exits on SIGTERM").isTrue();
    }
    Dist.Result down = Dist.run(work, "stack", "down", "--dir", stack());
    assertThat(down.exit()).as(down.out() + down.err()).isZero();
    assertThat(
            ProcessHandle.allProcesses()
                .filter(
                    p ->
                        p.info().commandLine().map(c -> c.contains(work.toString())).orElse(false)))
        .as("nothing left running")
        .isEmpty();
  }

  @Test
  void theStackReportsEachEngineHealthyWithItsOwnClient() throws Exception {
    assertThat(up.out())
        .contains(
            "kafka         ready at 127.0.0.1:" + ports[0],
            "elasticsearch ready at http://127.0.0.1:" + ports[5]);
    Dist.Result status = Dist.run(work, "stack", "status", "--dir", stack());
    assertThat(status.exit()).as(status.out()).isZero();
    assertThat(status.out())
        .contains(
            "kafka         healthy", "hbase         healthy", "elasticsearch healthy", "1 broker");
  }

  @Test
  void aTickProducedAppearsAsANewPredictionInTheLiveViewOfItsStock() throws Exception {
    Optional<Path[]> browser = WebDriver.installed();
    boolean required = System.getenv("STOCKLAMBDA_REQUIRE_BROWSER") != null;
    assumeTrue(
        browser.isPresent() || required,
        "skipped: the live-view browser test needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
    assertThat(browser).as("chromium and chromium-driver, which .ci/run installs").isPresent();

    // Given a model and a stock with seven days of ticks: three predictions, two of them resolved
    publishModel();
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (int day = 0; day < 7; day++) {
        tick(producer, day);
      }
    }
    String web = "http://127.0.0.1:" + ports[7];
    await(
        "the stock to be served",
        () -> get(web + "/api/stocks").path("stocks").findValuesAsText("stock").contains(STOCK));
    await(
        "its three predictions",
        () -> get(web + "/api/stocks/" + STOCK + "/predictions").path("count").asInt() == 3);

    try (WebDriver chrome =
        WebDriver.start(browser.get()[0], browser.get()[1], work.resolve("chromedriver.log"))) {
      // When a user opens the live view and picks the stock
      chrome.open(web + "/");
      await(
          "the stock list",
          () ->
              chrome
                  .script(
                      "return document.querySelector('#stock-select option[value=\""
                          + STOCK
                          + "\"]') !== null")
                  .asBoolean());
      chrome.click("#stock-select option[value=\"" + STOCK + "\"]");
      await(
          "its predictions on screen",
          () ->
              chrome
                      .script("return document.querySelectorAll('#predictions tbody tr').length")
                      .asInt()
                  == 3);
      await(
          "the live stream",
          () ->
              chrome
                  .script("return document.getElementById('live-status').textContent")
                  .asText()
                  .startsWith("live"));
      assertThat(chrome.script("return document.querySelectorAll('#chart circle').length").asInt())
          .as("one mark per prediction")
          .isEqualTo(3);

      // and the next tick is produced
      try (KafkaProducer<String, byte[]> producer = producer()) {
        tick(producer, 7);
      }

      // Then the new prediction appears without a reload, and the previous one shows its outcome
      String newDate = MONDAY.plusDays(7).toString();
      await(
          "the new prediction on screen",
          () ->
              chrome
                  .script(
                      "return document.querySelector('#predictions tbody tr[data-date=\""
                          + newDate
                          + "\"]') !== null")
                  .asBoolean());
      String previous =
          chrome
              .script(
                  "return document.querySelector('#predictions tbody tr[data-date=\""
                      + MONDAY.plusDays(6)
                      + "\"]').textContent")
              .asText();
      assertThat(previous).containsAnyOf("\u2713", "\u2717");
      assertThat(
              chrome.script("return document.getElementById('live-status').textContent").asText())
          .contains("new");
      assertThat(
              chrome
                  .script("return document.querySelectorAll('#predictions tbody tr').length")
                  .asInt())
          .isEqualTo(4);
      chrome.screenshot(work.resolve("live-view.png"));
    }
  }

  @Test
  void aHostileNameWrittenStraightIntoTheStoresIsShownAsTextAndNoScriptRuns() throws Exception {
    Optional<Path[]> browser = WebDriver.installed();
    boolean required = System.getenv("STOCKLAMBDA_REQUIRE_BROWSER") != null;
    assumeTrue(
        browser.isPresent() || required,
        "skipped: the live-view browser test needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
    assertThat(browser).as("chromium and chromium-driver, which .ci/run installs").isPresent();

    // Given predictions whose stock and model version are markup, indexed around the symbol grammar
    // (issue 14, case 5),
    // with the dashboard fields the serving layer adds (PredictionDocument)
    // the serving layer creates the speed index with its strict mapping before its API answers; a
    // document indexed
    // before that would create the index with dynamic mappings instead
    String web = "http://127.0.0.1:" + ports[7];
    await(
        "the serving layer to answer",
        () -> get(web + "/api/health").path("status").asText().equals("up"));
    String hostile = "<img src=x onerror=\"window.pwned=1\">";
    String model = "<script>window.pwned=2</script>";
    for (int i = 0; i < 2; i++) {
      String doc =
          "{\"stock\":"
              + Json.mapper().writeValueAsString(hostile + i)
              + ",\"date\":\"2099-01-0"
              + (i + 1)
              + "\",\"closes\":[1,2,3,4,5],"
              + "\"probabilityUp\":0.99,\"up\":true,\"modelVersion\":"
              + Json.mapper().writeValueAsString(model)
              + ",\"layer\":\"speed\","
              + "\"scoredAt\":\"2026-11-30T00:00:00Z\",\"actualUp\":true,\"correct\":true,\"close\":5,\"confidence\":0.98,\"resolved\":true,\"hit\":1}";
      HttpResponse<String> put =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              elasticsearch()
                                  + "/predictions-speed/_doc/hostile-"
                                  + i
                                  + "?refresh=true"))
                      .header("Content-Type", "application/json")
                      .PUT(HttpRequest.BodyPublishers.ofString(doc))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).as(put.body()).isBetween(200, 201);
    }
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(web + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .get()
        .asString()
        .contains("script-src 'self'", "default-src 'none'");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

    try (WebDriver chrome =
        WebDriver.start(
            browser.get()[0], browser.get()[1], work.resolve("chromedriver-hostile.log"))) {
      // When a user opens the overview
      chrome.open(web + "/");
      await(
          "the hostile rows in the latest predictions",
          () ->
              chrome
                  .script("return document.querySelector('#latest tbody').textContent")
                  .asText()
                  .contains(hostile + "0"));
      await(
          "the hostile stock in the stock list",
          () ->
              chrome
                  .script(
                      "return [...document.querySelectorAll('#stock-select option')].some(o => o.value === arguments[0] + '1')",
                      hostile)
                  .asBoolean());
      await(
          "the hostile model version in the accuracy table",
          () ->
              chrome
                  .script("return document.querySelector('#accuracy tbody').textContent")
                  .asText()
                  .contains(model));

      // Then the names are text: no element came from them and no script ran
      assertThat(
              chrome
                  .script(
                      "return document.querySelectorAll('img, #latest script, #accuracy script').length")
                  .asInt())
          .isZero();
      assertThat(chrome.script("return String(window.pwned)").asText()).isEqualTo("undefined");

      // and a link opens the view on a stock, the URL following the stock picked
      publishModel();
      ticks("link.us", 7);
      ticks("link2.us", 7);
      await(
          "link.us and link2.us served",
          () ->
              get(web + "/api/stocks/link.us/predictions").path("count").asInt() == 3
                  && get(web + "/api/stocks/link2.us/predictions").path("count").asInt() == 3);
      chrome.open(web + "/?stock=LINK.US");
      await(
          "link.us's predictions on opening",
          () ->
              chrome
                      .script("return document.querySelectorAll('#predictions tbody tr').length")
                      .asInt()
                  == 3);
      assertThat(
              chrome.script("return document.getElementById('stock-summary').textContent").asText())
          .startsWith("link.us:");
      await(
          "link2.us in the stock list",
          () ->
              chrome
                  .script(
                      "return document.querySelector('#stock-select option[value=\"link2.us\"]') !== null")
                  .asBoolean());
      chrome.click("#stock-select option[value=\"link2.us\"]");
      await(
          "the URL naming the stock picked",
          () -> chrome.script("return window.location.search").asText().equals("?stock=link2.us"));
    }
  }

  @Test
  void aCandidateIsScoredInShadowThenPromotedAndRolledBackWhileTheSpeedLayerRuns()
      throws Exception {
    // Given two versions in the registry, the first promoted (and published) as CURRENT
    String root = "/shadow-it";
    String stock = "shadow.us";
    ModelArtifact serving = registered(root, "serving-1", 0.3);
    ModelArtifact candidate = registered(root, "candidate-1", -0.3);
    model(root, "promote", "--version", serving.version(), "--reason", "first release");
    awaitSpeedLog("'next-close-up' serving-1 (", 1);
    String web = "http://127.0.0.1:" + ports[7];

    // When the second is published as a candidate and a stock trades for eight days
    Dist.Result published = model(root, "candidate", "--version", candidate.version());
    assertThat(published.out()).contains("as a candidate", "never served");
    awaitSpeedLog("candidate candidate-1 of model 'next-close-up'", 1);
    ticks(stock, MONDAY, 8);

    // Then its calls and their outcomes are on the shadow topic, with a live hit rate, and
    // what is served is CURRENT's only
    await(
        "the candidate's live figures at /api/accuracy",
        () -> liveRow(web, candidate.version(), "shadow").path("resolved").asLong() == 3);
    JsonNode shadow = liveRow(web, candidate.version(), "shadow");
    assertThat(shadow.path("hitRate").asDouble()).isBetween(0.0, 1.0);
    assertThat(shadow.path("brier").asDouble()).isPositive();
    Dist.Result list = model(root, "list", "--bootstrap", bootstrap());
    assertThat(list.out())
        .containsPattern(candidate.version() + " .* 3 " + decimal(shadow.path("hitRate")));
    await(
        "CURRENT's four calls served",
        () -> get(web + "/api/stocks/" + stock + "/predictions").path("count").asInt() == 4);
    assertThat(versionsServed(web, stock)).containsOnly(serving.version());
    assertThat(
            get(web + "/api/stocks/" + stock + "/predictions")
                .path("predictions")
                .findValuesAsText("layer"))
        .containsOnly("speed");

    // When the candidate is promoted (its shadow period long enough), then rolled back
    Dist.Result promoted =
        model(
            root,
            "promote",
            "--version",
            candidate.version(),
            "--min-shadow-outcomes",
            "3",
            "--reason",
            "better in shadow");
    assertThat(promoted.out()).contains("shadow period: 3 resolved", "candidate-1 is CURRENT");
    awaitSpeedLog("'next-close-up' candidate-1 (", 1);
    ticks(stock, MONDAY.plusDays(8), 1);
    await(
        "the next call by the promoted version",
        () ->
            versionsServed(web, stock).contains(candidate.version())
                && get(web + "/api/stocks/" + stock + "/predictions").path("count").asInt() == 5);
    Dist.Result rolledBack = model(root, "rollback", "--reason", "worse live");
    assertThat(rolledBack.out()).contains("serving-1 is CURRENT", "replacing candidate-1");
    awaitSpeedLog("'next-close-up' serving-1 (", 2);
    ticks(stock, MONDAY.plusDays(9), 1);

    // Then the speed layer, never restarted, followed each step
    await(
        "the call after the rollback by the first version again",
        () -> get(web + "/api/stocks/" + stock + "/predictions").path("count").asInt() == 6);
    List<String> byDate =
        get(web + "/api/stocks/" + stock + "/predictions")
            .path("predictions")
            .findValuesAsText("modelVersion");
    assertThat(byDate)
        .containsExactly(
            serving.version(),
            serving.version(),
            serving.version(),
            serving.version(),
            candidate.version(),
            serving.version());
    assertThat(processes.get(0).isAlive()).as("the same speed layer process").isTrue();
    Dist.Result history = model(root, "history");
    assertThat(history.out()).contains("better in shadow", "worse live");
  }

  private Dist.Result model(String root, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("model"));
    command.addAll(List.of(args));
    command.addAll(List.of("--hdfs", hdfs(), "--root", root));
    if (List.of("promote", "rollback", "candidate").contains(args[0])) {
      command.addAll(List.of("--bootstrap", bootstrap()));
    }
    Dist.Result r = Dist.run(work, command.toArray(String[]::new));
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    return r;
  }

  /** A version written into the registry's layout as 'batch train' writes its artifact. */
  private ModelArtifact registered(String root, String version, double weight) throws Exception {
    ModelArtifact a =
        Models.logistic(
            version,
            FeatureSpecs.of("returns", 5),
            0.0,
            weight,
            weight,
            weight,
            weight,
            0,
            0,
            0,
            0,
            0,
            0,
            0);
    try (FileSystem fs = FileSystem.newInstance(URI.create(hdfs()), new Configuration());
        FSDataOutputStream out =
            fs.create(
                new org.apache.hadoop.fs.Path(
                    new MasterLayout(root).modelFile(version, MasterLayout.MODEL_FILE)))) {
      out.write(JsonCodec.of(ModelArtifact.class).encode(a));
    }
    return a;
  }

  /** The speed layer's log says it swapped: the next tick is scored by the new model. */
  private void awaitSpeedLog(String line, int times) throws Exception {
    await(
        "'" + line + "' " + times + " time(s) in the speed layer's log",
        () ->
            java.nio.file.Files.readAllLines(work.resolve("speed.log")).stream()
                    .filter(l -> l.contains(line))
                    .count()
                >= times);
  }

  private static JsonNode liveRow(String web, String version, String layer) throws Exception {
    for (JsonNode row : get(web + "/api/accuracy").path("live")) {
      if (row.path("modelVersion").asText().equals(version)
          && row.path("layer").asText().equals(layer)) {
        return row;
      }
    }
    return Json.mapper().createObjectNode();
  }

  private static List<String> versionsServed(String web, String stock) throws Exception {
    return get(web + "/api/stocks/" + stock + "/predictions")
        .path("predictions")
        .findValuesAsText("modelVersion");
  }

  private static String decimal(JsonNode value) {
    return String.format(java.util.Locale.ROOT, "%.4f", value.asDouble());
  }

  private String hdfs() {
    return "hdfs://127.0.0.1:" + ports[8];
  }

  /** The model both tests score with (publishing it again changes nothing). */
  private void publishModel() throws Exception {
    ModelArtifact model =
        Models.logistic(
            "live-1",
            FeatureSpecs.of("returns", 5),
            0.02,
            -3,
            -1,
            0.5,
            0.2,
            0.1,
            -0.5,
            2,
            1,
            0.3,
            -0.1,
            0.05);
    try (KafkaProducer<String, byte[]> producer = producer()) {
      producer
          .send(
              new ProducerRecord<>(
                  "models", model.name(), JsonCodec.of(ModelArtifact.class).encode(model)))
          .get();
    }
  }

  private void ticks(String stock, int days) throws Exception {
    ticks(stock, MONDAY, days);
  }

  /** Closes alternating up and down, so calls resolve both ways. */
  private void ticks(String stock, LocalDate from, int days) throws Exception {
    try (KafkaProducer<String, byte[]> producer = producer()) {
      for (int day = 0; day < days; day++) {
        LocalDate date = from.plusDays(day);
        double close = 50 + date.getDayOfMonth() + (date.getDayOfMonth() % 2 == 0 ? 3 : 0);
        Tick t = new Tick(stock, date, close, close + 1, close - 1, close, 1_000L);
        producer.send(new ProducerRecord<>("ticks", stock, TICKS.encode(t))).get();
      }
    }
  }

  private void tick(KafkaProducer<String, byte[]> producer, int day) throws Exception {
    double close = 100 + 3 * Math.sin(day) + day;
    Tick t =
        new Tick(
            STOCK,
            MONDAY.plusDays(day),
            close - 0.5,
            close + 1,
            close - 1,
            close,
            1_000_000 + 10_000L * day);
    producer.send(new ProducerRecord<>("ticks", STOCK, TICKS.encode(t))).get();
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private String stack() {
    return work.resolve("stack").toString();
  }

  private String bootstrap() {
    return "127.0.0.1:" + ports[0];
  }

  private String elasticsearch() {
    return "http://127.0.0.1:" + ports[5];
  }

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    return Json.mapper().readTree(response.body());
  }

  private static void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      try {
        if (condition.call()) {
          return;
        }
      } catch (Exception e) {
        // not there yet
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after 90 s waiting for " + what);
      }
      Thread.sleep(250);
    }
  }
}
