package io.stocklambda.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stocklambda.core.dataset.BatchViewInfo;
import io.stocklambda.core.eval.DriftSnapshot;
import io.stocklambda.core.json.Json;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.prediction.PredictionJson;
import io.stocklambda.embedded.stack.Endpoints;
import io.stocklambda.embedded.stack.Engine;
import io.stocklambda.embedded.stack.junit.EmbeddedStackTest;
import io.stocklambda.embedded.stack.junit.StackControl;
import io.stocklambda.hdfs.Hdfs;
import io.stocklambda.kafka.DeadLetterSink;
import io.stocklambda.kafka.KafkaTopics;
import io.stocklambda.kafka.TopicSpec;
import io.stocklambda.serving.api.LiveFeed;
import io.stocklambda.serving.api.QueryApi;
import io.stocklambda.serving.drift.DriftBoard;
import io.stocklambda.serving.drift.DriftRecorder;
import io.stocklambda.serving.es.EsDriftIndex;
import io.stocklambda.serving.es.EsViews;
import io.stocklambda.serving.hbase.HBaseViews;
import io.stocklambda.serving.load.BatchViewLoader;
import io.stocklambda.serving.load.SpeedViewConsumer;
import io.stocklambda.serving.load.SpeedViewLoader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The serving layer on the real stores: the speed view from Kafka, batch views from HDFS, merged by
 * the Lambda rule in HBase and through the Elasticsearch alias, the HTTP API, and an outage of a
 * store in the middle of loading.
 */
@EmbeddedStackTest({Engine.KAFKA, Engine.HDFS, Engine.HBASE, Engine.ELASTICSEARCH})
class ServingLayerIT {

  private static final JsonCodec<Prediction> JSON = JsonCodec.of(Prediction.class);
  private static final JsonCodec<BatchViewInfo> VIEW = JsonCodec.of(BatchViewInfo.class);
  private static final LocalDate D0 = LocalDate.of(2017, 1, 1);

  private final List<AutoCloseable> opened = new ArrayList<>();
  private final String id = UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void close() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  @Test
  void exactlyOnePredictionPerStockAndDateOnEachSideOfTheHorizonInHBaseAndThroughTheAlias(
      Endpoints endpoints) throws Exception {
    Serving serving = start(endpoints, "predictions-" + id);
    String a = "ita" + id + ".us";
    String b = "itb" + id + ".us";

    // Given the speed layer's predictions for days 1..10 of two stocks, each resolved by the next:
    // a's as the speed layer writes them, one record a tick (the new call carrying the previous
    // one, resolved), b's as earlier builds did, the call and then its outcome
    try (KafkaProducer<String, byte[]> producer = producer(endpoints)) {
      Prediction open = null;
      for (int day = 1; day <= 10; day++) {
        Prediction call = prediction(a, day, Layer.SPEED, "speed-v1");
        Prediction resolved = open == null ? null : open.withActual((day - 1) % 2 == 0);
        producer.send(
            new ProducerRecord<>(serving.topic, a, PredictionJson.encode(resolved, call)));
        open = call;
        Prediction p = prediction(b, day, Layer.SPEED, "speed-v1");
        send(producer, serving.topic, p);
        if (day < 10) {
          send(producer, serving.topic, p.withActual(day % 2 == 0));
        }
      }
    }
    // (the loader writes HBase first, then Elasticsearch: wait for the last store of the last
    // record)
    for (String stock : List.of(a, b)) {
      await(
          "the speed view of " + stock + " in both stores",
          () -> resolvedInBoth(serving, stock, D0, D0.plusDays(40), 10, 9));
    }
    assertThat(serving.hbase.queries().merged(a, D0, D0.plusDays(40), 5000))
        .allMatch(p -> p.layer() == Layer.SPEED)
        .filteredOn(Prediction::isResolved)
        .hasSize(9);

    // When a batch view up to day 6 (with history from day -4) is loaded from HDFS
    FileSystem fs = Hdfs.open(endpoints.hdfsUri());
    opened.add(fs);
    Path v1 = writeView(fs, "v1-" + id, List.of(a, b), -4, 6, "batch-v1");
    BatchViewLoader.Loaded first =
        new BatchViewLoader(serving.hbase, serving.es, serving.metrics, System.out, () -> false)
            .load(fs, v1);

    // Then each store answers one prediction per date: the batch view's up to day 6, the speed
    // view's after
    assertThat(first.rows()).isEqualTo(2 * 11);
    // (the speed layer scored days 1..6 with another model version: counted, not compared)
    assertThat(first.view().parity().speedRows()).isEqualTo(2 * 6);
    assertThat(first.view().parity().otherVersion()).isEqualTo(2 * 6);
    assertThat(first.view().parity().compared()).isZero();
    assertThat(first.expiredHBase()).as("speed rows of days 1..6 expired").isEqualTo(2 * 6);
    assertThat(first.expiredElasticsearch()).isEqualTo(2 * 6);
    serving.es.writer().refresh();
    for (String stock : List.of(a, b)) {
      checkMerged(
          serving.hbase.queries().merged(stock, D0.minusDays(10), D0.plusDays(40), 5000),
          6,
          -4,
          10);
      checkMerged(
          serving.es.queries().merged(stock, D0.minusDays(10), D0.plusDays(40), 5000), 6, -4, 10);
    }

    // When the speed layer scores days 7 and 8 of stock a with the model of the next view, day 8
    // deliberately with a different model under that same version
    try (KafkaProducer<String, byte[]> producer = producer(endpoints)) {
      send(producer, serving.topic, prediction(a, 7, Layer.SPEED, "batch-v2"));
      Prediction same = prediction(a, 8, Layer.SPEED, "batch-v2");
      send(
          producer,
          serving.topic,
          new Prediction(
              a,
              same.date(),
              same.closes(),
              same.probabilityUp() + 0.1,
              true,
              "batch-v2",
              Layer.SPEED,
              Instant.now(),
              null,
              null));
    }
    await(
        "the re-scored days 7 and 8 in HBase",
        () -> {
          List<Prediction> rows = new java.util.ArrayList<>();
          serving.hbase.queries().speedUpTo(D0.plusDays(8), rows::add);
          return rows.stream().filter(p -> p.modelVersion().equals("batch-v2")).count() == 2;
        });
    // and a newer batch view up to day 8 replaces the first
    Path v2 = writeView(fs, "v2-" + id, List.of(a, b), -4, 8, "batch-v2");
    BatchViewLoader.Loaded second =
        new BatchViewLoader(serving.hbase, serving.es, serving.metrics, System.out, () -> false)
            .load(fs, v2);

    // Then online/offline parity compared the two of the same version and caught the different one
    assertThat(second.view().parity())
        .satisfies(
            p -> {
              assertThat(p.speedRows()).isEqualTo(4);
              assertThat(p.compared()).isEqualTo(2);
              assertThat(p.differing()).isEqualTo(1);
              assertThat(p.maxAbsDifference())
                  .isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
              assertThat(p.otherVersion()).isEqualTo(2);
              assertThat(p.examples()).singleElement().asString().startsWith(a + " ");
            });
    serving.es.writer().refresh();

    // Then it is swapped in whole: the new model up to day 8, speed after, the old index gone
    for (String stock : List.of(a, b)) {
      List<Prediction> hbaseRows =
          serving.hbase.queries().merged(stock, D0.minusDays(10), D0.plusDays(40), 5000);
      checkMerged(hbaseRows, 8, -4, 10);
      assertThat(hbaseRows)
          .filteredOn(p -> p.layer() == Layer.BATCH)
          .allMatch(p -> p.modelVersion().equals("batch-v2"));
      checkMerged(
          serving.es.queries().merged(stock, D0.minusDays(10), D0.plusDays(40), 5000), 8, -4, 10);
    }
    assertThat(serving.es.writer().servedBatchIndices()).hasSize(1);
    assertThat(serving.es.writer().batchIndices()).hasSize(1);

    // And a lookup of many (stock, date) keys at once answers as one lookup a key, in each store
    List<io.stocklambda.core.serving.StockDate> keys =
        List.of(
            new io.stocklambda.core.serving.StockDate(a, D0.plusDays(2)),
            new io.stocklambda.core.serving.StockDate(b, D0.plusDays(9)),
            new io.stocklambda.core.serving.StockDate(a, D0.plusDays(30)),
            new io.stocklambda.core.serving.StockDate(b, D0.minusDays(4)));
    java.util.Map<io.stocklambda.core.serving.StockDate, Prediction> hbaseMany =
        serving.hbase.queries().mergedOn(keys);
    java.util.Map<io.stocklambda.core.serving.StockDate, Prediction> esMany =
        serving.es.queries().mergedOn(keys);
    for (io.stocklambda.core.serving.StockDate key : keys) {
      assertThat(java.util.Optional.ofNullable(hbaseMany.get(key)))
          .as("HBase " + key)
          .isEqualTo(
              serving.hbase.queries().merged(key.stock(), key.date(), key.date(), 1).stream()
                  .findFirst());
      assertThat(java.util.Optional.ofNullable(esMany.get(key)))
          .as("Elasticsearch " + key)
          .isEqualTo(
              serving.es.queries().merged(key.stock(), key.date(), key.date(), 1).stream()
                  .findFirst());
    }
    assertThat(hbaseMany.keySet()).hasSize(3).doesNotContain(keys.get(2));
    assertThat(esMany.keySet()).hasSize(3).doesNotContain(keys.get(2));
    assertThat(hbaseMany.get(keys.get(0)).layer()).isEqualTo(Layer.BATCH);
    assertThat(hbaseMany.get(keys.get(1)).layer()).isEqualTo(Layer.SPEED);

    // And a live prediction after the horizon shows at once, in both stores
    try (KafkaProducer<String, byte[]> producer = producer(endpoints)) {
      send(producer, serving.topic, prediction(a, 11, Layer.SPEED, "speed-v1"));
    }
    await(
        "day 11 in both stores",
        () -> resolvedInBoth(serving, a, D0.plusDays(11), D0.plusDays(11), 1, 0));
    assertThat(serving.hbase.queries().merged(a, D0.plusDays(11), D0.plusDays(11), 10))
        .extracting(Prediction::layer)
        .containsExactly(Layer.SPEED);
    assertThat(serving.es.queries().merged(a, D0.plusDays(11), D0.plusDays(11), 10))
        .extracting(Prediction::layer)
        .containsExactly(Layer.SPEED);

    // And the HTTP API answers, and says what is wrong with a bad request
    String base = "http://127.0.0.1:" + serving.api.port();
    JsonNode body =
        get(base + "/api/stocks/" + a + "/predictions?from=2016-12-01&to=2017-12-31", 200);
    assertThat(body.get("count").asInt()).isEqualTo(16);
    assertThat(body.get("horizon").asText()).isEqualTo(D0.plusDays(8).toString());
    assertThat(
            get(base + "/api/stocks/" + a + "/predictions?store=elasticsearch&limit=3", 200)
                .get("predictions"))
        .hasSize(3);
    assertThat(get(base + "/api/stocks/IBM%21/predictions", 400).get("error").asText())
        .contains("not a stock symbol");
    // one spelling: the upper-case path asks for the same stock (issue 14, case 4)
    assertThat(
            get(
                    base
                        + "/api/stocks/"
                        + a.toUpperCase(java.util.Locale.ROOT)
                        + "/predictions?from=2016-12-01&to=2017-12-31",
                    200)
                .get("count")
                .asInt())
        .isEqualTo(16);
    assertThat(
            get(base + "/api/stocks/" + a + "/predictions?from=2017-02-01&to=2017-01-01", 400)
                .get("error")
                .asText())
        .contains("after");
    assertThat(get(base + "/api/stocks/" + a + "/predictions?limit=0", 400).get("error").asText())
        .contains("limit");
    assertThat(
            get(base + "/api/stocks/" + a + "/predictions?from=yesterday", 400)
                .get("error")
                .asText())
        .contains("date like");
    assertThat(get(base + "/api/stocks", 200).get("stocks").findValuesAsText("stock"))
        .contains(a, b);
    assertThat(get(base + "/api/health", 200).get("status").asText()).isEqualTo("up");
    JsonNode accuracy = get(base + "/api/accuracy", 200).get("accuracy");
    assertThat(accuracy.findValuesAsText("modelVersion")).contains("batch-v2", "speed-v1");
    // in-sample fits, out-of-time and live forecasts are never one figure: the view's model
    // learned from labels before D0
    java.util.Set<String> samples = new java.util.TreeSet<>();
    accuracy.forEach(
        row -> samples.add(row.get("modelVersion").asText() + "/" + row.get("sample").asText()));
    assertThat(samples)
        .contains("batch-v2/in-sample", "batch-v2/out-of-time", "speed-v1/live")
        .noneMatch(k -> k.startsWith("speed-v1/") && !k.endsWith("/live"));
    JsonNode overview = get(base + "/api/overview", 200);
    assertThat(overview.get("batchView").get("horizon").asText())
        .isEqualTo(D0.plusDays(8).toString());
    assertThat(overview.get("mostConfident")).isNotEmpty();
    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metrics)
        .contains(
            "stocklambda_parity_differing{view=\"v2-" + id + "\",model=\"batch-v2\"} 1",
            "stocklambda_parity_compared{view=\"v2-" + id + "\",model=\"batch-v2\"} 2")
        .containsPattern("stocklambda_batch_view_lag_trading_days [1-9]")
        .containsPattern("stocklambda_live_probability_up_count [1-9]");
    assertThat(metrics)
        .contains(
            "stocklambda_api_requests_total{route=\"/api/stocks/{stock}/predictions\",status=\"400\"} 4")
        .contains("stocklambda_serving_speed_rows_total");
  }

  @Test
  void aViewsHFilesAreBulkLoadedIntoHBaseAtItsVersionAndAnOlderViewIsRefused(Endpoints endpoints)
      throws Exception {
    Serving serving = start(endpoints, "predictions-" + id);
    List<String> stocks = List.of("ith" + id + ".us", "iti" + id + ".us", "itj" + id + ".us");
    FileSystem fs = Hdfs.open(endpoints.hdfsUri());
    opened.add(fs);

    // Given a batch view with its HFiles, written as the batch layer writes them (cells at the
    // view's version);
    // its horizon is before the other tests' days, as the served view is shared by the whole class
    long version = Instant.now().toEpochMilli();
    Path view = writeView(fs, "bulk-" + id, stocks, -60, -35, "batch-bulk");
    writeHFiles(fs, view, version);

    // When it is loaded
    BatchViewLoader.Loaded loaded =
        new BatchViewLoader(serving.hbase, serving.es, serving.metrics, System.out, () -> false, 2)
            .load(fs, view);

    // Then HBase took the HFiles whole, at the view's version, and both stores serve every row
    assertThat(loaded.hfiles()).isEqualTo(1);
    assertThat(loaded.view().version()).isEqualTo(version);
    assertThat(loaded.rows()).isEqualTo(3 * 26);
    serving.es.writer().refresh();
    for (String stock : stocks) {
      List<Prediction> hbaseRows =
          serving.hbase.queries().merged(stock, D0.minusDays(60), D0.minusDays(35), 5000);
      assertThat(hbaseRows)
          .hasSize(26)
          .allMatch(p -> p.layer() == Layer.BATCH && p.modelVersion().equals("batch-bulk"));
      assertThat(serving.es.queries().merged(stock, D0.minusDays(60), D0.minusDays(35), 5000))
          .hasSize(26);
    }

    // And a view whose HFiles are older than the served view's is refused before anything is
    // written
    Path older = writeView(fs, "older-" + id, stocks, -60, -35, "batch-older");
    writeHFiles(fs, older, version - 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new BatchViewLoader(
                        serving.hbase, serving.es, serving.metrics, System.out, () -> false)
                    .load(fs, older))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not newer than the view served now");
    assertThat(serving.hbase.currentBatch().orElseThrow().version()).isEqualTo(version);
  }

  @Test
  void aSpeedLayerWhoseOffsetsStandStillWhileTicksWaitTurnsHealthDegraded(Endpoints endpoints)
      throws Exception {
    // issue 14: health reports a stream that is not making progress; a consumer group stands in for
    // the speed layer
    String ticks = "watch-ticks-" + id;
    String group = "watch-speed-" + id;
    KafkaTopics.ensure(endpoints.kafkaBootstrap(), List.of(TopicSpec.of(ticks, 1)));
    try (KafkaProducer<String, byte[]> producer = producer(endpoints)) {
      for (int i = 0; i < 5; i++) {
        producer.send(new ProducerRecord<>(ticks, "s", new byte[] {1}));
      }
    }
    Serving serving = start(endpoints, "watch-predictions-" + id);
    SpeedLayerWatch watch =
        new SpeedLayerWatch(endpoints.kafkaBootstrap(), group, ticks, Duration.ofSeconds(2));
    opened.add(watch);
    QueryApi api =
        new QueryApi(
                serving.hbase,
                serving.es,
                new LiveFeed(),
                serving.metrics,
                watch::health,
                new io.stocklambda.serving.drift.DriftBoard())
            .start("127.0.0.1", 0);
    opened.add(api);
    String health = "http://127.0.0.1:" + api.port() + "/api/health";

    // Given a speed layer that never committed: reported, not degraded
    watch.check();
    assertThat(get(health, 200).get("speedLayer").asText())
        .startsWith("not running: group '" + group + "'");

    // When it has read 2 of 5 ticks and then stands still
    commit(endpoints, group, ticks, 2);
    watch.check();
    assertThat(get(health, 200).get("speedLayer").asText()).isEqualTo("ok: 3 tick(s) waiting");
    Thread.sleep(2500);
    watch.check();

    // Then health turns degraded and says why
    JsonNode degraded = get(health, 503);
    assertThat(degraded.get("status").asText()).isEqualTo("degraded");
    assertThat(degraded.get("speedLayer").asText())
        .startsWith("stalled: 3 tick(s) waiting and no offset committed for 2 s");

    // And up again once it moves
    commit(endpoints, group, ticks, 5);
    watch.check();
    assertThat(get(health, 200).get("speedLayer").asText()).isEqualTo("ok: 0 tick(s) waiting");
  }

  @Test
  void featureDriftBecomesTheTimeSeriesTheKibanaDashboardDraws(Endpoints endpoints)
      throws Exception {
    // issue 17: the dashboard's PSI panel reads the index the serving layer records drift into
    Serving serving = start(endpoints, "drift-predictions-" + id);
    String model = "drift-" + id;
    Instant at = Instant.parse("2026-12-01T15:00:42Z");
    DriftSnapshot live =
        new DriftSnapshot(
            model,
            List.of("logret_0", "log_dollar_volume"),
            List.of(List.of(0.5, 0.5), List.of(0.5, 0.5)),
            List.of(List.of(900L, 100L), List.of(500L, 500L)),
            1_000,
            at.minusSeconds(60),
            at);
    DriftBoard board = new DriftBoard();
    board.accept(model + "/0_0", live);

    assertThat(new DriftRecorder(board, serving.es.drift()::write).record()).hasSize(1);

    String search = endpoints.elasticsearchUrl() + "/" + EsDriftIndex.INDEX + "/_search";
    String query =
        "{\"query\": {\"term\": {\"model\": \"" + model + "\"}}, \"sort\": [\"feature\"]}";
    await(
        "two drift points searchable",
        () -> post(search, query).path("hits").path("hits").size() == 2);
    JsonNode hits = post(search, query).path("hits").path("hits");
    JsonNode volume = hits.get(0);
    JsonNode returns = hits.get(1);
    assertThat(volume.path("_id").asText())
        .isEqualTo(model + "_log_dollar_volume_" + at.getEpochSecond() / 60);
    assertThat(volume.path("_source").path("psi").asDouble()).isZero();
    assertThat(volume.path("_source").path("shifted").asBoolean()).isFalse();
    assertThat(returns.path("_source").path("feature").asText()).isEqualTo("logret_0");
    assertThat(returns.path("_source").path("psi").asDouble())
        .isEqualTo(live.psi().get("logret_0"))
        .isGreaterThan(0.25);
    assertThat(returns.path("_source").path("shifted").asBoolean()).isTrue();
    assertThat(returns.path("_source").path("windows").asLong()).isEqualTo(1_000);
    assertThat(returns.path("_source").path("at").asText()).isEqualTo(at.toString());
  }

  @Test
  void aLoaderThatFellBehindWritesACallOpenedAndResolvedInItsBacklogOnce(Endpoints endpoints)
      throws Exception {
    // issue 18: a loader behind by more than the time between a stock's ticks takes a call and the
    // record that resolves it in one poll, so each store writes that call once, resolved
    String topic = "backlog-predictions-" + id;
    KafkaTopics.ensure(endpoints.kafkaBootstrap(), List.of(TopicSpec.of(topic, 2)));
    int stocks = 3_000;
    LocalDate day = D0.plusYears(81);
    try (KafkaProducer<String, byte[]> producer = producer(endpoints)) {
      for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < stocks; i++) {
          String stock = "bl" + id + "-" + i + ".us";
          Prediction opened = prediction(stock, day.plusDays(pass), "speed-v1");
          Prediction resolved =
              pass == 0 ? null : prediction(stock, day, "speed-v1").withActual(i % 2 == 0);
          producer.send(
              new ProducerRecord<>(topic, stock, PredictionJson.encode(resolved, opened)));
        }
      }
    }
    // 6,000 records wait before the loader starts: more than Kafka's default poll of 500, or the
    // 5,000 this loader took before
    Serving serving =
        start(
            endpoints,
            topic,
            null,
            () ->
                SpeedViewConsumer.create(endpoints.kafkaBootstrap(), "serving-it-" + topic, "it"));

    String query =
        "{\"version\": true, \"size\": 10000, \"_source\": [\"resolved\"], \"query\": {\"bool\":"
            + " {\"filter\": [{\"prefix\": {\"stock\": \"bl"
            + id
            + "-\"}}, {\"term\": {\"date\": \""
            + day
            + "\"}}]}}}";
    String search = endpoints.elasticsearchUrl() + "/" + EsViews.SPEED_INDEX + "/_search";
    await(
        "the resolved calls of " + stocks + " stocks in Elasticsearch",
        () -> {
          post(endpoints.elasticsearchUrl() + "/" + EsViews.SPEED_INDEX + "/_refresh", "");
          JsonNode hits = post(search, query).path("hits").path("hits");
          return hits.size() == stocks
              && java.util.stream.StreamSupport.stream(hits.spliterator(), false)
                  .allMatch(h -> h.path("_source").path("resolved").asBoolean());
        });
    JsonNode hits = post(search, query).path("hits").path("hits");
    assertThat(java.util.stream.StreamSupport.stream(hits.spliterator(), false))
        .as("each call written once: document version 1")
        .allMatch(h -> h.path("_version").asLong() == 1);
    // and HBase too: the loader's rows, committed once every store has them, are one per (stock,
    // date), 6,000, not 9,000
    await("the loader's commit", () -> serving.metrics.speedRows.sum() >= 2L * stocks);
    assertThat(serving.metrics.speedRows.sum()).isEqualTo(2L * stocks);
  }

  @Test
  void theSpeedIndexRefreshesFasterThanBatchIndices(Endpoints endpoints) throws Exception {
    // issue 18: a speed prediction is searchable a quarter second after its write, not a second
    start(endpoints, "refresh-predictions-" + id);
    JsonNode settings =
        get(endpoints.elasticsearchUrl() + "/" + EsViews.SPEED_INDEX + "/_settings", 200);
    assertThat(
            settings
                .path(EsViews.SPEED_INDEX)
                .path("settings")
                .path("index")
                .path("refresh_interval")
                .asText())
        .isEqualTo(EsViews.SPEED_REFRESH_INTERVAL);
  }

  @Test
  void theSpeedRowsOfStocksStartingWithAPrefixAreDeletedFromBothStoresAndNoOthers(
      Endpoints endpoints) throws Exception {
    // issue 18: bench end-to-end removes its own stocks' rows, which no horizon ever expires
    StoreEndpoints stores =
        new StoreEndpoints(
            endpoints.hbaseZookeeperQuorum(),
            endpoints.hbaseZookeeperPort(),
            endpoints.elasticsearchUrl());
    try (HBaseViews hbase = HBaseViews.connect(stores);
        EsViews es = EsViews.connect(stores.elasticsearch())) {
      String run = "e2e" + id;
      List<Prediction> rows = new ArrayList<>();
      for (String stock : List.of(run + "-1.us", run + "warm-2.us", "x" + run + ".us")) {
        for (int day = 0; day < 3; day++) {
          rows.add(prediction(stock, D0.plusYears(80).plusDays(day), "v1"));
        }
      }
      hbase.writer().writeSpeed(rows);
      es.writer().writeSpeed(rows);

      assertThat(hbase.writer().deleteSpeedOfStocksStartingWith(run)).isEqualTo(6);
      assertThat(es.writer().deleteSpeedOfStocksStartingWith(run)).isEqualTo(6);
      assertThat(hbase.writer().deleteSpeedOfStocksStartingWith(run)).isZero();
      assertThat(es.writer().deleteSpeedOfStocksStartingWith(run)).isZero();
      // the stock that only contains the prefix kept its rows
      assertThat(hbase.writer().deleteSpeedOfStocksStartingWith("x" + run)).isEqualTo(3);
      assertThat(es.writer().deleteSpeedOfStocksStartingWith("x" + run)).isEqualTo(3);
      assertThatThrownBy(() -> hbase.writer().deleteSpeedOfStocksStartingWith(" "))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> es.writer().deleteSpeedOfStocksStartingWith(""))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aSpeedBatchLargerThanOneBulkRequestIsIndexedWholeAndEachRefusalOfEveryRequestIsNamed(
      Endpoints endpoints) throws Exception {
    // issue 18: a loader that fell behind hands Elasticsearch tens of thousands of rows, sent in
    // requests of at most SPEED_BULK_DOCUMENTS; a document refused in any of them is named
    try (EsViews es = EsViews.connect(endpoints.elasticsearchUrl())) {
      String run = "bulk" + id;
      int size = 2 * io.stocklambda.serving.es.EsWriter.SPEED_BULK_DOCUMENTS + 7;
      List<Prediction> rows = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        rows.add(prediction(run + "-" + i + ".us", D0.plusYears(81), "v1"));
      }
      // a close that is not a finite number, refused by item, in the first request and in the last
      // (an id over 512 bytes would fail a request as a whole)
      Prediction first = unfinite(prediction(run + "-a.us", D0.plusYears(81), "v1"));
      Prediction last = unfinite(prediction(run + "-b.us", D0.plusYears(81), "v1"));
      rows.add(1, first);
      rows.add(last);

      assertThatThrownBy(() -> es.writer().writeSpeed(rows))
          .isInstanceOfSatisfying(
              io.stocklambda.serving.load.RejectedException.class,
              e -> assertThat(e.rejected()).containsOnlyKeys(first, last));
      assertThat(es.writer().deleteSpeedOfStocksStartingWith(run)).isEqualTo(size);
    }
  }

  /** {@code p} with a last close of +Infinity, which Elasticsearch's double fields refuse. */
  private static Prediction unfinite(Prediction p) {
    return new Prediction(
        p.stock(),
        p.date(),
        List.of(1.0, Double.POSITIVE_INFINITY),
        p.probabilityUp(),
        p.up(),
        p.modelVersion(),
        p.layer(),
        p.scoredAt(),
        p.actualUp(),
        p.correct());
  }

  private static JsonNode post(String url, String body) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + " -> " + response.body()).isEqualTo(200);
    return Json.mapper().readTree(response.body());
  }

  private static void commit(Endpoints endpoints, String group, String topic, long offset) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoints.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.commitSync(
          Map.of(
              new org.apache.kafka.common.TopicPartition(topic, 0),
              new org.apache.kafka.clients.consumer.OffsetAndMetadata(offset)));
    }
  }

  @Test
  void anElasticsearchOutageInTheMiddleOfLoadingLosesNothing(
      Endpoints endpoints, StackControl stack) throws Exception {
    outageInTheMiddleOfLoading(
        endpoints, stack, Engine.ELASTICSEARCH, "out", LocalDate.of(2031, 1, 1));
  }

  @Test
  void anHBaseOutageInTheMiddleOfLoadingLosesNothingAndDuplicatesNothing(
      Endpoints endpoints, StackControl stack) throws Exception {
    // issue 14: until now only Elasticsearch's outage was tested against the real store
    outageInTheMiddleOfLoading(endpoints, stack, Engine.HBASE, "hout", LocalDate.of(2033, 1, 1));
  }

  @Test
  void anHBaseOutageInTheMiddleOfABatchViewLoadDelaysTheSwapButNeverSplitsIt(
      Endpoints endpoints, StackControl stack) throws Exception {
    // issue 14: HBase stopped while a batch view is being loaded, then started again
    Serving serving = start(endpoints, "batch-outage-" + id);
    FileSystem fs = Hdfs.open(endpoints.hdfsUri());
    opened.add(fs);
    List<String> stocks = new ArrayList<>();
    for (int i = 0; i < 800; i++) {
      stocks.add("bo" + i + "x" + id + ".us");
    }
    long version = Instant.now().toEpochMilli();
    Path view = writeView(fs, "batch-outage-" + id, stocks, -400, -101, "batch-outage");
    writeHFiles(fs, view, version);

    // When the load runs and HBase stops while Elasticsearch is being written, then comes back
    java.util.concurrent.CompletableFuture<BatchViewLoader.Loaded> load =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return new BatchViewLoader(
                        serving.hbase, serving.es, serving.metrics, System.out, () -> false)
                    .load(fs, view);
              } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
              }
            });
    await("the load to be writing", () -> serving.metrics.batchRows.sum() > 0);
    stack.stop(Engine.HBASE);
    assertThat(load).as("the load waits for HBase before it swaps").isNotDone();
    Thread.sleep(3_000);
    stack.start(Engine.HBASE);

    // Then the view is served whole, in both stores
    BatchViewLoader.Loaded loaded = load.get(5, java.util.concurrent.TimeUnit.MINUTES);
    assertThat(loaded.rows()).isEqualTo(800L * 300);
    assertThat(serving.hbase.currentBatch().orElseThrow().version()).isEqualTo(version);
    serving.es.writer().refresh();
    for (String stock : List.of(stocks.get(0), stocks.get(400), stocks.get(799))) {
      assertThat(serving.hbase.queries().merged(stock, D0.minusDays(400), D0.minusDays(101), 5000))
          .hasSize(300)
          .allMatch(p -> p.modelVersion().equals("batch-outage"));
      assertThat(serving.es.queries().merged(stock, D0.minusDays(400), D0.minusDays(101), 5000))
          .hasSize(300);
    }
  }

  /**
   * 100 speed rows loaded, then {@code engine} stopped while 200 more arrive, then started: all 300
   * in both stores, once.
   */
  private void outageInTheMiddleOfLoading(
      Endpoints endpoints, StackControl stack, Engine engine, String prefix, LocalDate start)
      throws Exception {
    Serving serving = start(endpoints, prefix + "-outage-" + id);
    String stock = prefix + id + ".us";
    try (KafkaProducer<String, byte[]> producer = producer(endpoints)) {
      for (int day = 0; day < 100; day++) {
        send(producer, serving.topic, prediction(stock, start.plusDays(day), "speed-v1"));
      }
      producer.flush();
      await("the first 100 rows", () -> serving.metrics.speedRows.sum() == 100);

      // When the store goes down while predictions keep coming
      stack.stop(engine);
      for (int day = 100; day < 300; day++) {
        send(producer, serving.topic, prediction(stock, start.plusDays(day), "speed-v1"));
      }
      producer.flush();
      await("the loader to hit the outage", () -> serving.metrics.storeRetries.sum() > 0);
      assertThat(serving.metrics.speedRows.sum())
          .as("nothing counts as loaded while a store is down")
          .isEqualTo(100);
      stack.start(engine);
    }

    // Then, once it is back, every prediction is in both stores, once
    await("the backlog in both stores", () -> serving.metrics.speedRows.sum() == 300);
    serving.es.writer().refresh();
    List<Prediction> inHBase =
        serving.hbase.queries().merged(stock, start, start.plusDays(400), 5000);
    assertThat(inHBase).hasSize(300);
    assertThat(inHBase.stream().map(Prediction::date).distinct()).hasSize(300);
    assertThat(serving.es.queries().merged(stock, start, start.plusDays(400), 5000)).hasSize(300);
    assertThat(serving.metrics.poison.sum()).isZero();
  }

  @Test
  void aPredictionAStoreRefusesIsDeadLetteredAndTheOtherStocksOfItsPartitionAreServed(
      Endpoints endpoints) throws Exception {
    // issue 14, case 2: a record Elasticsearch refuses for good (a document id over 512 bytes) was
    // retried forever
    List<String> dead = new java.util.concurrent.CopyOnWriteArrayList<>();
    Serving serving = start(endpoints, "poison-" + id, dead);
    LocalDate day = LocalDate.of(2032, 1, 5);
    String poison = "x".repeat(600) + ".us";
    List<String> good = List.of("ga" + id + ".us", "gb" + id + ".us", "gc" + id + ".us");
    try (KafkaProducer<String, byte[]> producer = producer(endpoints)) {
      // the poison first, then the good ones, all on one partition
      producer.send(
          new org.apache.kafka.clients.producer.ProducerRecord<>(
              serving.topic, 0, poison, JSON.encode(prediction(poison, day, "speed-v1"))));
      for (String stock : good) {
        producer.send(
            new org.apache.kafka.clients.producer.ProducerRecord<>(
                serving.topic, 0, stock, JSON.encode(prediction(stock, day, "speed-v1"))));
      }
      producer.flush();
    }

    await("the good rows in both stores", () -> serving.metrics.speedRows.sum() == good.size());
    serving.es.writer().refresh();
    for (String stock : good) {
      assertThat(serving.hbase.queries().merged(stock, day, day, 10)).hasSize(1);
      assertThat(serving.es.queries().merged(stock, day, day, 10)).hasSize(1);
    }
    assertThat(dead)
        .singleElement()
        .asString()
        .contains("Elasticsearch refused x", "too long", "512 bytes");
    assertThat(serving.metrics.poison.sum()).isEqualTo(1);
    assertThat(serving.metrics.storeRetries.sum()).as("a refusal for good is not retried").isZero();
  }

  /**
   * Whether both stores hold {@code rows} predictions of the stock in the range, {@code resolved}
   * of them resolved.
   */
  private static boolean resolvedInBoth(
      Serving serving, String stock, LocalDate from, LocalDate to, int rows, int resolved)
      throws Exception {
    serving.es.writer().refresh();
    for (List<Prediction> view :
        List.of(
            serving.hbase.queries().merged(stock, from, to, 5000),
            serving.es.queries().merged(stock, from, to, 5000))) {
      if (view.size() != rows || view.stream().filter(Prediction::isResolved).count() != resolved) {
        return false;
      }
    }
    return true;
  }

  private static void checkMerged(
      List<Prediction> rows, int horizonDay, int firstDay, int lastDay) {
    Map<LocalDate, Integer> perDate = new HashMap<>();
    rows.forEach(p -> perDate.merge(p.date(), 1, Integer::sum));
    assertThat(perDate.values()).as("one prediction per (stock, date)").containsOnly(1);
    assertThat(rows).hasSize(lastDay - firstDay + 1);
    LocalDate horizon = D0.plusDays(horizonDay);
    for (Prediction p : rows) {
      assertThat(p.layer())
          .as(p.stock() + " " + p.date())
          .isEqualTo(p.date().isAfter(horizon) ? Layer.SPEED : Layer.BATCH);
    }
  }

  private record Serving(
      String topic, HBaseViews hbase, EsViews es, ServingMetrics metrics, QueryApi api) {}

  private Serving start(Endpoints endpoints, String topic) {
    return start(endpoints, topic, null);
  }

  /**
   * @param deadLetters where poison goes, "offset: reason"; null when none is expected
   */
  private Serving start(Endpoints endpoints, String topic, List<String> deadLetters) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            endpoints.kafkaBootstrap(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "serving-it-" + topic,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed");
    return start(
        endpoints,
        topic,
        deadLetters,
        () ->
            new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
  }

  /**
   * @param consumer makes the loader's, once the stores are connected
   */
  private Serving start(
      Endpoints endpoints,
      String topic,
      List<String> deadLetters,
      java.util.function.Supplier<KafkaConsumer<byte[], byte[]>> consumer) {
    KafkaTopics.ensure(endpoints.kafkaBootstrap(), List.of(TopicSpec.of(topic, 2)));
    StoreEndpoints stores =
        new StoreEndpoints(
            endpoints.hbaseZookeeperQuorum(),
            endpoints.hbaseZookeeperPort(),
            endpoints.elasticsearchUrl());
    HBaseViews hbase = HBaseViews.connect(stores);
    opened.add(hbase);
    EsViews es = EsViews.connect(stores.elasticsearch());
    opened.add(es);
    ServingMetrics metrics = new ServingMetrics();
    LiveFeed feed = new LiveFeed();
    QueryApi api = new QueryApi(hbase, es, feed, metrics).start("127.0.0.1", 0);
    opened.add(api);
    DeadLetterSink none =
        new DeadLetterSink() {
          @Override
          public void send(ConsumerRecord<byte[], byte[]> poison, String reason) {
            if (deadLetters == null) {
              throw new AssertionError("unexpected poison: " + reason);
            }
            deadLetters.add(poison.offset() + ": " + reason);
          }

          @Override
          public void flush() {}
        };
    SpeedViewLoader loader =
        new SpeedViewLoader(
            consumer.get(), topic, List.of(hbase.writer(), es.writer()), none, feed, metrics);
    Thread thread = new Thread(loader, "loader-" + topic);
    thread.start();
    opened.add(
        () -> {
          loader.stop();
          thread.join(30_000);
        });
    return new Serving(topic, hbase, es, metrics, api);
  }

  private static Path writeView(
      FileSystem fs, String run, List<String> stocks, int firstDay, int horizonDay, String model)
      throws Exception {
    Path dir = new Path("/stocklambda-it/batch/views/" + run);
    long count = 0;
    try (OutputStream out = fs.create(new Path(dir, "part-00000"), true)) {
      for (String stock : stocks) {
        for (int day = firstDay; day <= horizonDay; day++) {
          Prediction p = prediction(stock, day, Layer.BATCH, model);
          out.write(
              (JSON.encodeToString(day < horizonDay ? p.withActual(day % 3 == 0) : p) + "\n")
                  .getBytes(StandardCharsets.UTF_8));
          count++;
        }
      }
    }
    try (OutputStream out = fs.create(new Path(dir, BatchViewInfo.FILE), true)) {
      out.write(
          VIEW.encode(
              new BatchViewInfo(
                  run,
                  "training",
                  model,
                  D0.plusDays(horizonDay),
                  count,
                  Instant.now(),
                  null,
                  D0)));
    }
    return dir;
  }

  /**
   * The view's predictions as one HFile of the batch family under {@code _hfiles/b/}, in row-key
   * order, at {@code version}, and its {@code _VIEW.json} naming that version: what the batch view
   * job writes.
   */
  private static void writeHFiles(FileSystem fs, Path view, long version) throws Exception {
    java.util.TreeMap<String, byte[]> cells = new java.util.TreeMap<>();
    for (org.apache.hadoop.fs.FileStatus part :
        fs.listStatus(view, p -> p.getName().startsWith("part-"))) {
      try (java.io.BufferedReader in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(fs.open(part.getPath()), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          Prediction p = JSON.decode(line.getBytes(StandardCharsets.UTF_8));
          cells.put(
              io.stocklambda.core.serving.ServingKeys.rowKey(p.stock(), p.date()),
              line.getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    org.apache.hadoop.conf.Configuration conf = fs.getConf();
    Path file = new Path(view, "_hfiles/b/part-0-0");
    org.apache.hadoop.hbase.regionserver.StoreFileWriter writer =
        new org.apache.hadoop.hbase.regionserver.StoreFileWriter.Builder(
                conf, new org.apache.hadoop.hbase.io.hfile.CacheConfig(conf), fs)
            .withFilePath(file)
            .withFileContext(new org.apache.hadoop.hbase.io.hfile.HFileContextBuilder().build())
            .build();
    try {
      for (Map.Entry<String, byte[]> cell : cells.entrySet()) {
        writer.append(
            new org.apache.hadoop.hbase.KeyValue(
                cell.getKey().getBytes(StandardCharsets.UTF_8),
                "b".getBytes(StandardCharsets.UTF_8),
                "p".getBytes(StandardCharsets.UTF_8),
                version,
                cell.getValue()));
      }
    } finally {
      writer.close();
    }
    BatchViewInfo info = VIEW.decode(fs.open(new Path(view, BatchViewInfo.FILE)).readAllBytes());
    try (OutputStream out = fs.create(new Path(view, BatchViewInfo.FILE), true)) {
      out.write(
          VIEW.encode(
              new BatchViewInfo(
                  info.run(),
                  info.trainingRun(),
                  info.modelVersion(),
                  info.horizon(),
                  info.predictions(),
                  info.createdAt(),
                  version,
                  info.modelLabelsBefore())));
    }
  }

  private static Prediction prediction(String stock, int day, Layer layer, String model) {
    double p = 0.3 + (Math.abs((stock.hashCode() + day) % 40)) / 100.0;
    return new Prediction(
        stock,
        D0.plusDays(day),
        List.of(100.0 + day, 101.0 + day),
        p,
        p > 0.5,
        model,
        layer,
        Instant.now(),
        null,
        null);
  }

  private static Prediction prediction(String stock, LocalDate date, String model) {
    return new Prediction(
        stock,
        date,
        List.of(10.0, 11.0),
        0.55,
        true,
        model,
        Layer.SPEED,
        Instant.now(),
        null,
        null);
  }

  private static void send(KafkaProducer<String, byte[]> producer, String topic, Prediction p) {
    producer.send(new ProducerRecord<>(topic, p.stock(), JSON.encode(p)));
  }

  private static KafkaProducer<String, byte[]> producer(Endpoints endpoints) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            endpoints.kafkaBootstrap(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static JsonNode get(String url, int status) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(url + " -> " + response.body()).isEqualTo(status);
    return Json.mapper().readTree(response.body());
  }

  /**
   * Waits up to two minutes for a condition; a store that does not answer yet counts as not yet.
   */
  private static void await(String what, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!holds(condition)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  private static boolean holds(Callable<Boolean> condition) {
    try {
      return condition.call();
    } catch (Exception e) {
      return false;
    }
  }
}
