package io.stocklambda.serving.es;

import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.serving.ServingKeys;
import io.stocklambda.serving.load.RejectedException;
import io.stocklambda.serving.load.SpeedViewStore;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.admin.indices.alias.IndicesAliasesRequest;
import org.elasticsearch.action.admin.indices.alias.IndicesAliasesRequest.AliasActions;
import org.elasticsearch.action.admin.indices.alias.get.GetAliasesRequest;
import org.elasticsearch.action.admin.indices.delete.DeleteIndexRequest;
import org.elasticsearch.action.admin.indices.refresh.RefreshRequest;
import org.elasticsearch.action.admin.indices.settings.put.UpdateSettingsRequest;
import org.elasticsearch.action.bulk.BulkItemResponse;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.search.ClearScrollRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.action.search.SearchScrollRequest;
import org.elasticsearch.client.GetAliasesResponse;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.client.indices.CreateIndexRequest;
import org.elasticsearch.client.indices.GetIndexRequest;
import org.elasticsearch.cluster.metadata.AliasMetadata;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.index.query.BoolQueryBuilder;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.aggregations.AggregationBuilders;
import org.elasticsearch.search.aggregations.bucket.terms.Terms;
import org.elasticsearch.search.aggregations.metrics.Avg;
import org.elasticsearch.search.aggregations.metrics.Max;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.search.sort.SortOrder;
import org.elasticsearch.xcontent.XContentType;

/**
 * The contract's Elasticsearch side: the speed view in index {@code predictions-speed}, each batch
 * view in a new index {@code predictions-batch-<version>}, document id {@code <stock>_<yyyyMMdd>}
 * (idempotent writes), and the alias {@code predictions} that Kibana and the API read: the batch
 * index filtered to {@code date <= horizon} and the speed index to {@code date > horizon}, so the
 * alias holds exactly one document per (stock, date). A new batch view is swapped in with one
 * atomic alias update; this Elasticsearch has no delete-by-query, so expiring speed documents at
 * or below the horizon is the alias filter at once, then deletes by id.
 */
public final class EsViews implements Closeable, SpeedViewStore {

  @Override
  public String storeName() {
    return "Elasticsearch";
  }


  public static final String ALIAS = "predictions";
  public static final String SPEED_INDEX = "predictions-speed";
  public static final String BATCH_PREFIX = "predictions-batch-";
  private static final String INDEX_DEFINITION = readDefinition();

  private final RestHighLevelClient client;
  private final String url;

  private EsViews(RestHighLevelClient client, String url) {
    this.client = client;
    this.url = url;
  }

  /** Connects with the credentials of the environment ({@link EsCredentials#fromEnvironment()}). */
  public static EsViews connect(String url) {
    return connect(url, EsCredentials.fromEnvironment());
  }

  /**
   * Connects and creates the speed index and the alias if missing.
   *
   * @throws IllegalStateException if the cluster refuses the credentials, wants some, or denies a
   *     privilege the serving layer needs
   * @throws UncheckedIOException if it cannot be reached
   */
  public static EsViews connect(String url, Optional<EsCredentials> credentials) {
    HttpHost[] hosts = Arrays.stream(url.split(",")).map(String::trim).map(HttpHost::create).toArray(HttpHost[]::new);
    RestClientBuilder builder = RestClient.builder(hosts)
        .setRequestConfigCallback(c -> c.setConnectTimeout(5_000).setSocketTimeout(60_000));
    credentials.ifPresent(login -> {
      BasicCredentialsProvider provider = new BasicCredentialsProvider();
      provider.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(login.user(), login.password()));
      builder.setHttpClientConfigCallback(c -> c.setDefaultCredentialsProvider(provider));
    });
    RestHighLevelClient client = new RestHighLevelClient(builder);
    EsViews views = new EsViews(client, url);
    try {
      views.ensureSpeedIndex();
    } catch (IOException e) {
      views.closeQuietly();
      throw new UncheckedIOException("cannot reach Elasticsearch at " + url, e);
    } catch (ElasticsearchStatusException e) {
      views.closeQuietly();
      String who = credentials.map(c -> "user '" + c.user() + "'").orElse("no credentials (" + EsCredentials.USER_ENV + " is not set)");
      if (e.status() == RestStatus.UNAUTHORIZED) {
        throw new IllegalStateException("Elasticsearch at " + url + " refused " + who + " (401): with security on, set "
            + EsCredentials.USER_ENV + " and " + EsCredentials.PASSWORD_ENV + " to a user of the cluster", e);
      }
      if (e.status() == RestStatus.FORBIDDEN) {
        throw new IllegalStateException("Elasticsearch at " + url + " denies " + who + " a privilege the serving layer needs (403): "
            + "it needs 'monitor' on the cluster and 'all' on the indices " + ALIAS + "*; " + e.getDetailedMessage(), e);
      }
      throw e;
    }
    return views;
  }

  /** The index definition (settings and mapping) every predictions index is created with. */
  public static String indexDefinition() {
    return INDEX_DEFINITION;
  }

  private void ensureSpeedIndex() throws IOException {
    if (!client.indices().exists(new GetIndexRequest(SPEED_INDEX), RequestOptions.DEFAULT)) {
      try {
        client.indices().create(new CreateIndexRequest(SPEED_INDEX).source(INDEX_DEFINITION, XContentType.JSON), RequestOptions.DEFAULT);
      } catch (org.elasticsearch.ElasticsearchStatusException e) {
        if (!e.getDetailedMessage().contains("resource_already_exists_exception")) {
          throw e;
        }
      }
    }
    if (!client.indices().existsAlias(new GetAliasesRequest(ALIAS), RequestOptions.DEFAULT)) {
      client.indices().updateAliases(new IndicesAliasesRequest().addAliasAction(AliasActions.add().index(SPEED_INDEX).alias(ALIAS)),
          RequestOptions.DEFAULT);
    }
  }

  /**
   * Indexes speed-view documents; idempotent.
   *
   * @throws RejectedException naming each document Elasticsearch refused for good (a 4xx other than
   *     408 and 429), or the whole request when it refused that
   * @throws IOException when Elasticsearch cannot be reached, is busy (429) or failed (5xx)
   */
  @Override
  public void writeSpeed(Collection<Prediction> predictions) throws IOException {
    bulk(SPEED_INDEX, predictions, true);
  }

  /** Creates the index of a batch view load, tuned for loading (no refresh until it is finished). */
  public String createBatchIndex(long version) throws IOException {
    String index = BATCH_PREFIX + version;
    client.indices().create(new CreateIndexRequest(index).source(INDEX_DEFINITION, XContentType.JSON)
        // these settings replace the definition's: its shard and replica counts are repeated here
        .settings(Settings.builder().put("index.number_of_shards", 1).put("index.number_of_replicas", 0)
            .put("index.refresh_interval", "-1").put("index.translog.durability", "async")), RequestOptions.DEFAULT);
    return index;
  }

  /** Indexes a chunk of a batch view into its index. */
  public void writeBatch(String index, Collection<Prediction> predictions) throws IOException {
    bulk(index, predictions, false);
  }

  /** Documents of an index (after a refresh), or -1 if it does not exist. */
  public long count(String index) throws IOException {
    if (!client.indices().exists(new GetIndexRequest(index), RequestOptions.DEFAULT)) {
      return -1;
    }
    client.indices().refresh(new RefreshRequest(index), RequestOptions.DEFAULT);
    return client.count(new org.elasticsearch.client.core.CountRequest(index), RequestOptions.DEFAULT).getCount();
  }

  /** The speed view's index. */
  public static String speedIndex() {
    return SPEED_INDEX;
  }

  /** Restores the batch index's normal settings and makes everything searchable. */
  public void finishBatchIndex(String index) throws IOException {
    client.indices().putSettings(new UpdateSettingsRequest(index).settings(Settings.builder()
        .put("index.refresh_interval", "1s").put("index.translog.durability", "request")), RequestOptions.DEFAULT);
    client.indices().refresh(new RefreshRequest(index), RequestOptions.DEFAULT);
  }

  /**
   * Serves a batch index: one alias update, atomic for every reader, moves {@code predictions} to
   * the new batch index (up to the horizon) and the speed index (after it), then drops the old
   * batch indices.
   */
  public void swap(String batchIndex, LocalDate horizon) throws IOException {
    List<String> oldBatch = batchIndices();
    oldBatch.remove(batchIndex);
    List<String> served = servedBatchIndices();
    IndicesAliasesRequest swap = new IndicesAliasesRequest()
        .addAliasAction(AliasActions.add().index(batchIndex).alias(ALIAS).filter(QueryBuilders.rangeQuery("date").lte(horizon.toString())))
        .addAliasAction(AliasActions.add().index(SPEED_INDEX).alias(ALIAS).filter(QueryBuilders.rangeQuery("date").gt(horizon.toString())));
    for (String old : served) {
      if (!old.equals(batchIndex)) {
        swap.addAliasAction(AliasActions.remove().index(old).alias(ALIAS));
      }
    }
    client.indices().updateAliases(swap, RequestOptions.DEFAULT);
    if (!oldBatch.isEmpty()) {
      client.indices().delete(new DeleteIndexRequest(oldBatch.toArray(String[]::new)), RequestOptions.DEFAULT);
    }
  }

  /** Every batch index there is, served or not. */
  public List<String> batchIndices() throws IOException {
    String[] indices = client.indices().get(new GetIndexRequest(BATCH_PREFIX + "*"), RequestOptions.DEFAULT).getIndices();
    return new ArrayList<>(List.of(indices));
  }

  /** The batch indices the alias points at (one after the first swap, none before). */
  public List<String> servedBatchIndices() throws IOException {
    GetAliasesResponse aliases = client.indices().getAlias(new GetAliasesRequest(ALIAS), RequestOptions.DEFAULT);
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Set<AliasMetadata>> e : aliases.getAliases().entrySet()) {
      if (e.getKey().startsWith(BATCH_PREFIX) && !e.getValue().isEmpty()) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  /** Deletes a batch index that was never served (an interrupted load). */
  public void deleteIndex(String index) throws IOException {
    client.indices().delete(new DeleteIndexRequest(index), RequestOptions.DEFAULT);
  }

  /**
   * Deletes speed documents at or below the horizon, which the alias already hides; returns how
   * many. The speed index is refreshed first, so documents written in the last second are found too.
   */
  public long expireSpeed(LocalDate horizon) throws IOException {
    client.indices().refresh(new RefreshRequest(SPEED_INDEX), RequestOptions.DEFAULT);
    SearchRequest search = new SearchRequest(SPEED_INDEX).scroll(TimeValue.timeValueMinutes(1))
        .source(new SearchSourceBuilder().query(QueryBuilders.rangeQuery("date").lte(horizon.toString())).size(1000).fetchSource(false));
    SearchResponse page = client.search(search, RequestOptions.DEFAULT);
    long deleted = 0;
    String scrollId = page.getScrollId();
    try {
      while (page.getHits().getHits().length > 0) {
        BulkRequest deletes = new BulkRequest();
        for (SearchHit hit : page.getHits().getHits()) {
          deletes.add(new DeleteRequest(SPEED_INDEX, hit.getId()));
        }
        check(client.bulk(deletes, RequestOptions.DEFAULT));
        deleted += deletes.numberOfActions();
        page = client.scroll(new SearchScrollRequest(scrollId).scroll(TimeValue.timeValueMinutes(1)), RequestOptions.DEFAULT);
        scrollId = page.getScrollId();
      }
    } finally {
      ClearScrollRequest clear = new ClearScrollRequest();
      clear.addScrollId(scrollId);
      client.clearScroll(clear, RequestOptions.DEFAULT);
    }
    return deleted;
  }

  /** Makes recent writes searchable now (tests, and the end of a load). */
  public void refresh() throws IOException {
    client.indices().refresh(new RefreshRequest(ALIAS), RequestOptions.DEFAULT);
  }

  // ---- queries, all through the alias: the merged view ----

  /** The merged predictions of a stock between two dates, oldest first. */
  public List<Prediction> merged(String stock, LocalDate from, LocalDate to, int limit) throws IOException {
    BoolQueryBuilder query = QueryBuilders.boolQuery()
        .filter(QueryBuilders.termQuery("stock", stock))
        .filter(QueryBuilders.rangeQuery("date").gte(from.toString()).lte(to.toString()));
    List<Prediction> out = search(new SearchSourceBuilder().query(query).sort("date", SortOrder.DESC).size(limit));
    java.util.Collections.reverse(out);
    return out;
  }

  /** Every stock with predictions: its count and last date. */
  public List<StockSummary> stocks() throws IOException {
    SearchSourceBuilder source = new SearchSourceBuilder().size(0)
        .aggregation(AggregationBuilders.terms("stocks").field("stock").size(20_000)
            .subAggregation(AggregationBuilders.max("last").field("date")));
    Terms stocks = client.search(new SearchRequest(ALIAS).source(source), RequestOptions.DEFAULT).getAggregations().get("stocks");
    List<StockSummary> out = new ArrayList<>();
    for (Terms.Bucket b : stocks.getBuckets()) {
      Max last = b.getAggregations().get("last");
      out.add(new StockSummary(b.getKeyAsString(), b.getDocCount(), LocalDate.parse(last.getValueAsString())));
    }
    out.sort(java.util.Comparator.comparing(StockSummary::stock));
    return out;
  }

  /** Hit rate of resolved predictions per model version and layer. */
  public List<Accuracy> accuracy() throws IOException {
    SearchSourceBuilder source = new SearchSourceBuilder().size(0).query(QueryBuilders.termQuery("resolved", true))
        .aggregation(AggregationBuilders.terms("models").field("modelVersion").size(1000)
            .subAggregation(AggregationBuilders.terms("layers").field("layer").size(2)
                .subAggregation(AggregationBuilders.avg("hit").field("hit"))));
    Terms models = client.search(new SearchRequest(ALIAS).source(source), RequestOptions.DEFAULT).getAggregations().get("models");
    List<Accuracy> out = new ArrayList<>();
    for (Terms.Bucket m : models.getBuckets()) {
      Terms layers = m.getAggregations().get("layers");
      for (Terms.Bucket l : layers.getBuckets()) {
        Avg hit = l.getAggregations().get("hit");
        out.add(new Accuracy(m.getKeyAsString(), l.getKeyAsString(), l.getDocCount(), hit.getValue()));
      }
    }
    return out;
  }

  /** The latest predictions of all stocks, newest first. */
  public List<Prediction> latest(int n) throws IOException {
    return search(new SearchSourceBuilder().sort("date", SortOrder.DESC).sort("stock", SortOrder.ASC).size(n));
  }

  /** The open calls (not yet resolved) with the highest confidence. */
  public List<Prediction> mostConfident(int n) throws IOException {
    return search(new SearchSourceBuilder().query(QueryBuilders.termQuery("resolved", false))
        .sort("confidence", SortOrder.DESC).sort("date", SortOrder.DESC).size(n));
  }

  /** Documents served per layer through the alias. */
  public Map<String, Long> countByLayer() throws IOException {
    SearchSourceBuilder source = new SearchSourceBuilder().size(0).aggregation(AggregationBuilders.terms("layers").field("layer").size(2));
    Terms layers = client.search(new SearchRequest(ALIAS).source(source), RequestOptions.DEFAULT).getAggregations().get("layers");
    Map<String, Long> out = new java.util.TreeMap<>();
    for (Terms.Bucket b : layers.getBuckets()) {
      out.put(b.getKeyAsString(), b.getDocCount());
    }
    return out;
  }

  /** Whether Elasticsearch answers: cluster health. */
  public String health() {
    try {
      return "ok, " + client.cluster().health(new org.elasticsearch.action.admin.cluster.health.ClusterHealthRequest(), RequestOptions.DEFAULT)
          .getStatus().name().toLowerCase(java.util.Locale.ROOT);
    } catch (IOException | RuntimeException e) {
      return "down: " + e.getMessage();
    }
  }

  public record StockSummary(String stock, long predictions, LocalDate lastDate) {}

  public record Accuracy(String modelVersion, String layer, long resolved, double hitRate) {}

  private List<Prediction> search(SearchSourceBuilder source) throws IOException {
    SearchResponse response = client.search(new SearchRequest(ALIAS).source(source), RequestOptions.DEFAULT);
    List<Prediction> out = new ArrayList<>();
    for (SearchHit hit : response.getHits().getHits()) {
      out.add(PredictionDocument.toPrediction(hit.getSourceAsString()));
    }
    return out;
  }

  /**
   * Indexes predictions with one {@code _bulk} request, sent as NDJSON through the low-level client
   * and answered with errors only ({@code filter_path}): parsing a full bulk response, an item per
   * document, cost the loader as much CPU as Elasticsearch spent indexing.
   *
   * @param detailed whether to ask for each item's id and status, to name the documents refused (a
   *     speed-view poll); without it only the errors come back (a batch view's 17 M documents)
   * @throws RejectedException if Elasticsearch refused the request, or documents, for good (4xx
   *     other than 408 and 429), with the first reason given and, when detailed, each document's
   * @throws IOException if the request fails otherwise, or a document was refused for a passing reason
   */
  private void bulk(String index, Collection<Prediction> predictions, boolean detailed) throws IOException {
    if (predictions.isEmpty()) {
      return;
    }
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream(predictions.size() * 400);
    com.fasterxml.jackson.core.io.JsonStringEncoder quote = com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance();
    for (Prediction p : predictions) {
      body.write(INDEX_ACTION);
      body.write(quote.quoteAsUTF8(ServingKeys.documentId(p.stock(), p.date())));
      body.write(ACTION_END);
      body.write(PredictionDocument.of(p));
      body.write('\n');
    }
    org.elasticsearch.client.Request request = new org.elasticsearch.client.Request("POST", "/" + index + "/_bulk");
    request.addParameter("filter_path", detailed ? "errors,items.*._id,items.*.status,items.*.error" : "errors,items.*.error");
    request.setEntity(new org.apache.http.entity.ByteArrayEntity(body.toByteArray(),
        org.apache.http.entity.ContentType.create("application/x-ndjson")));
    org.elasticsearch.client.Response response;
    try {
      response = client.getLowLevelClient().performRequest(request);
    } catch (org.elasticsearch.client.ResponseException e) {
      int status = e.getResponse().getStatusLine().getStatusCode();
      if (isPermanent(status)) {
        throw new RejectedException("Elasticsearch refused the bulk request (" + status + "): " + reason(e), Map.of());
      }
      throw e;
    }
    com.fasterxml.jackson.databind.JsonNode result;
    try (java.io.InputStream in = response.getEntity().getContent()) {
      result = io.stocklambda.core.json.Json.mapper().readTree(in);
    }
    if (result.path("errors").asBoolean(false)) {
      Map<String, Prediction> byId = new java.util.HashMap<>();
      if (detailed) {
        predictions.forEach(p -> byId.put(ServingKeys.documentId(p.stock(), p.date()), p));
      }
      Map<Prediction, String> refused = new java.util.HashMap<>();
      int failed = 0;
      boolean passing = false;
      String first = null;
      for (com.fasterxml.jackson.databind.JsonNode item : result.path("items")) {
        com.fasterxml.jackson.databind.JsonNode action = item.elements().hasNext() ? item.elements().next() : null;
        com.fasterxml.jackson.databind.JsonNode error = action == null ? null : action.path("error");
        if (error != null && !error.isMissingNode()) {
          failed++;
          String reason = error.path("type").asText() + ": " + error.path("reason").asText();
          first = first == null ? reason : first;
          int status = action.path("status").asInt(0);
          boolean permanent = status != 0 ? isPermanent(status) : !TRANSIENT_ERRORS.contains(error.path("type").asText());
          Prediction p = byId.get(action.path("_id").asText());
          if (!permanent) {
            passing = true;
          } else if (p != null) {
            refused.put(p, reason);
          }
        }
      }
      String message = failed + " of " + predictions.size() + " bulk items failed, first " + first;
      throw passing ? new IOException(message) : new RejectedException(message, refused);
    }
  }

  /** Item errors that a later retry may not meet (a full queue, a tripped breaker, a shard moving), when no status is given. */
  private static final java.util.Set<String> TRANSIENT_ERRORS = java.util.Set.of("es_rejected_execution_exception",
      "circuit_breaking_exception", "unavailable_shards_exception", "cluster_block_exception", "no_shard_available_action_exception",
      "node_not_connected_exception", "node_closed_exception", "process_cluster_event_timeout_exception");

  /** Whether an HTTP status says the same request will be refused again: a 4xx but a timeout or "too many requests". */
  static boolean isPermanent(int status) {
    return status >= 400 && status < 500 && status != 408 && status != 429;
  }

  /** The {@code type: reason} of an error response, shortened in the middle to 300 characters for a header and a log line. */
  private static String reason(org.elasticsearch.client.ResponseException e) {
    String text;
    try {
      com.fasterxml.jackson.databind.JsonNode error = io.stocklambda.core.json.Json.mapper()
          .readTree(org.apache.http.util.EntityUtils.toString(e.getResponse().getEntity())).path("error");
      text = error.path("type").asText("error") + ": " + error.path("reason").asText(String.valueOf(error));
    } catch (IOException | RuntimeException unreadable) {
      text = String.valueOf(e.getMessage()).replace('\n', ' ');
    }
    return text.length() <= 300 ? text : text.substring(0, 150) + "..." + text.substring(text.length() - 147);
  }

  private static final byte[] INDEX_ACTION = "{\"index\":{\"_id\":\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ACTION_END = "\"}}\n".getBytes(StandardCharsets.UTF_8);

  private static void check(BulkResponse response) throws IOException {
    if (response.hasFailures()) {
      int failed = 0;
      String first = null;
      for (BulkItemResponse item : response.getItems()) {
        if (item.isFailed()) {
          failed++;
          if (first == null) {
            first = item.getId() + ": " + item.getFailureMessage();
          }
        }
      }
      throw new IOException(failed + " of " + response.getItems().length + " bulk items failed, first " + first);
    }
  }

  private static String readDefinition() {
    try (InputStream in = EsViews.class.getResourceAsStream("/es/predictions-index.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return url;
  }

  private void closeQuietly() {
    try {
      client.close();
    } catch (IOException e) {
      // closing after a failure
    }
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
