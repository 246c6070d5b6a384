package io.stocklambda.serving.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.stocklambda.core.eval.LiveScoreboard;
import io.stocklambda.core.json.Json;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.serving.BatchHorizon;
import io.stocklambda.core.serving.ServingKeys;
import io.stocklambda.serving.ServingMetrics;
import io.stocklambda.serving.drift.DriftBoard;
import io.stocklambda.serving.es.EsQueries;
import io.stocklambda.serving.es.EsViews;
import io.stocklambda.serving.hbase.HBaseViews;
import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving layer's HTTP face (Javalin): the JSON query API, Prometheus metrics, the live event
 * stream and the web view's static files, one process with the loaders. Every input is checked and
 * a bad one gets a 400 that says what is wrong; a store that does not answer gives a 503.
 *
 * <pre>
 * GET /api/health                                   stores, speed view and speed layer progress, live listeners
 * GET /api/stocks                                   every stock: predictions, last date
 * GET /api/stocks/{stock}/predictions?from&to&limit  merged, one per date (HBase; &store=elasticsearch for the alias)
 * GET /api/accuracy                                 hit rate per model version, layer and sample; live
 *                                                   hit rate, AUC, Brier per version, served or shadow
 * GET /api/overview                                 latest predictions, most confident open calls, accuracy, counts per layer
 * GET /api/drift                                    each feature's PSI of live windows against the training set
 * GET /api/live[?stock=]                            server-sent events, one per prediction as it lands
 * GET /metrics                                      Prometheus text
 * </pre>
 */
public final class QueryApi implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);
  public static final int MAX_LIMIT = 5_000;

  /** Bins of the live probabilities' histogram at /metrics: 0.05 wide. */
  static final int LIVE_PROBABILITY_BINS = 20;

  private static final JsonCodec<Prediction> PREDICTIONS = JsonCodec.of(Prediction.class);
  private static final String STARTED = "stocklambda.started";

  /**
   * Sent with every response, pages, API and errors alike: scripts, styles and connections only
   * from this origin and nothing inline (the page builds its DOM from data, never HTML), no
   * framing, no type sniffing, no referrer to other sites (OWASP's secure headers).
   */
  static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "Content-Security-Policy",
              "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                  + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
          "X-Content-Type-Options", "nosniff",
          "X-Frame-Options", "DENY",
          "Referrer-Policy", "same-origin",
          "Cross-Origin-Opener-Policy", "same-origin",
          "Cross-Origin-Resource-Policy", "same-origin");

  private final HBaseViews hbase;
  private final EsViews es;
  private final LiveFeed feed;
  private final ServingMetrics metrics;
  private final java.util.function.Supplier<String> speedLayer;
  private final DriftBoard drift;
  private final Javalin app;
  private LiveScoreboard live = new LiveScoreboard();

  public QueryApi(HBaseViews hbase, EsViews es, LiveFeed feed, ServingMetrics metrics) {
    this(hbase, es, feed, metrics, () -> "unknown: not watched by this server", new DriftBoard());
  }

  /**
   * @param speedLayer the speed layer's progress as {@link
   *     io.stocklambda.serving.SpeedLayerWatch#health()} reports it; "stalled" makes the service
   *     degraded
   * @param drift the features' population stability; a shifted feature makes the service degraded
   */
  public QueryApi(
      HBaseViews hbase,
      EsViews es,
      LiveFeed feed,
      ServingMetrics metrics,
      java.util.function.Supplier<String> speedLayer,
      DriftBoard drift) {
    this.speedLayer = speedLayer;
    this.drift = drift;
    this.hbase = hbase;
    this.es = es;
    this.feed = feed;
    this.metrics = metrics;
    this.app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(Json.mapper(), false));
              config.staticFiles.add(
                  files -> {
                    files.hostedPath = "/";
                    files.directory = "/web";
                    files.location = Location.CLASSPATH;
                  });
            });
    app.before(
        ctx -> {
          ctx.attribute(STARTED, System.nanoTime());
          SECURITY_HEADERS.forEach(ctx::header);
        });
    app.after(
        ctx -> {
          Long started = ctx.attribute(STARTED);
          if (started != null
              && ctx.path().startsWith("/api/")
              && !ctx.path().equals("/api/live")) {
            metrics.request(
                ctx.endpointHandlerPath(), ctx.statusCode(), (System.nanoTime() - started) / 1_000);
          }
        });
    app.exception(
        IllegalArgumentException.class,
        (e, ctx) -> ctx.status(400).json(Map.of("error", e.getMessage())));
    app.exception(
        IOException.class,
        (e, ctx) -> {
          LOG.warn("a store did not answer {}: {}", ctx.path(), e.toString());
          ctx.status(503).json(Map.of("error", "a store did not answer: " + e.getMessage()));
        });
    app.get("/api/health", this::health);
    app.get("/api/stocks", ctx -> ctx.json(Map.of("stocks", es.queries().stocks())));
    app.get("/api/stocks/{stock}/predictions", this::predictions);
    app.get(
        "/api/accuracy",
        ctx -> ctx.json(Map.of("accuracy", es.queries().accuracy(), "live", live.rows())));
    app.get("/api/overview", this::overview);
    app.get("/api/drift", ctx -> ctx.json(drift.view()));
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(prometheus()));
    app.sse(
        "/api/live",
        client -> {
          String asked = client.ctx().queryParam("stock");
          String stock = asked == null ? null : ServingKeys.checkStock(asked);
          client.keepAlive();
          Runnable unsubscribe =
              feed.subscribe(
                  p -> {
                    if (stock == null || stock.equals(p.stock())) {
                      client.sendEvent("prediction", PREDICTIONS.encodeToString(p));
                    }
                  });
          client.onClose(unsubscribe);
          client.sendComment("connected");
        });
  }

  /**
   * Where {@code /api/accuracy}'s {@code live} rows come from: each version's live hit rate, AUC
   * and calibration, the served model's and the candidates' scored in shadow (default: none).
   */
  public QueryApi live(LiveScoreboard scoreboard) {
    this.live = scoreboard;
    return this;
  }

  public QueryApi start(String host, int port) {
    app.start(host, port);
    return this;
  }

  public int port() {
    return app.port();
  }

  /**
   * The counters, then the served view's gauges; a store that does not answer leaves its gauges out
   * (logged) rather than failing the scrape, whose counters report store outages.
   */
  private String prometheus() {
    String gauges;
    try {
      BatchHorizon view = hbase.currentBatch().orElse(null);
      long lag = es.queries().speedDatesAfter(view == null ? null : view.horizon());
      EsQueries.LiveProbabilities live = es.queries().liveProbabilities(LIVE_PROBABILITY_BINS);
      gauges = ServingMetrics.servedView(view, lag, live.counts(), live.sum());
    } catch (IOException | RuntimeException e) {
      LOG.warn("/metrics without the served view's gauges: {}", e.toString());
      gauges = "";
    }
    return metrics.prometheus() + gauges + drift.prometheus();
  }

  private void health(Context ctx) {
    String hbaseHealth = hbase.health();
    String esHealth = es.health();
    String speedView = metrics.speedViewHealth();
    String speedLayerHealth = speedLayer.get();
    String featureDrift = drift.health();
    boolean up =
        hbaseHealth.startsWith("ok")
            && esHealth.startsWith("ok")
            && speedView.startsWith("ok")
            && !speedLayerHealth.startsWith("stalled")
            && !featureDrift.startsWith("degraded");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "up" : "degraded");
    body.put("hbase", hbaseHealth);
    body.put("elasticsearch", esHealth);
    body.put("speedView", speedView);
    body.put("speedLayer", speedLayerHealth);
    body.put("featureDrift", featureDrift);
    body.put("liveListeners", feed.listeners());
    ctx.status(up ? 200 : 503).json(body);
  }

  private void predictions(Context ctx) throws IOException {
    String stock = ServingKeys.checkStock(ctx.pathParam("stock"));
    LocalDate from = QueryParams.date(ctx, "from", QueryParams.MIN_DATE);
    LocalDate to = QueryParams.date(ctx, "to", QueryParams.MAX_DATE);
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
    }
    int limit = QueryParams.limit(ctx, 500);
    String store = ctx.queryParamAsClass("store", String.class).getOrDefault("hbase");
    List<Prediction> rows =
        switch (store) {
          case "hbase" -> hbase.queries().merged(stock, from, to, limit);
          case "elasticsearch" -> es.queries().merged(stock, from, to, limit);
          default ->
              throw new IllegalArgumentException(
                  "store must be hbase or elasticsearch, was '" + store + "'");
        };
    long resolved = rows.stream().filter(Prediction::isResolved).count();
    long hits = rows.stream().filter(p -> Boolean.TRUE.equals(p.correct())).count();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("stock", stock);
    body.put("store", store);
    body.put(
        "horizon",
        hbase.currentBatch().map(BatchHorizon::horizon).map(LocalDate::toString).orElse(null));
    body.put("count", rows.size());
    body.put("resolved", resolved);
    body.put("hitRate", resolved == 0 ? null : (double) hits / resolved);
    body.put("predictions", rows);
    ctx.json(body);
  }

  private void overview(Context ctx) throws IOException {
    int limit = Math.min(QueryParams.limit(ctx, 20), 200);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("batchView", hbase.currentBatch().orElse(null));
    body.put("servedByLayer", es.queries().countByLayer());
    body.put("latest", es.queries().latest(limit));
    body.put("mostConfident", es.queries().mostConfident(limit));
    body.put("accuracy", es.queries().accuracy());
    body.put("live", live.rows());
    ctx.json(body);
  }

  @Override
  public void close() {
    app.stop();
  }
}
