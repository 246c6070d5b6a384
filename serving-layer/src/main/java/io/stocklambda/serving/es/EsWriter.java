package io.stocklambda.serving.es;

import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.serving.load.RejectedException;
import io.stocklambda.serving.load.SpeedViewStore;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.elasticsearch.action.search.ClearScrollRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.SearchResponse;
import org.elasticsearch.action.search.SearchScrollRequest;
import org.elasticsearch.client.GetAliasesResponse;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.client.indices.CreateIndexRequest;
import org.elasticsearch.client.indices.GetIndexRequest;
import org.elasticsearch.cluster.metadata.AliasMetadata;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.index.query.QueryBuilders;
import org.elasticsearch.search.SearchHit;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.xcontent.XContentType;

/**
 * Writes the Elasticsearch views: speed-view documents, a batch view's new index and its swap
 * behind the alias, the expiry of speed documents at or below the horizon. Every write is
 * idempotent (document id {@code <stock>_<yyyyMMdd>}); a refusal for good is a {@link
 * RejectedException}, anything else an {@link IOException} a caller may retry.
 */
public final class EsWriter implements SpeedViewStore {

  private static final String ALIAS = EsViews.ALIAS;
  private static final String SPEED_INDEX = EsViews.SPEED_INDEX;
  private static final String BATCH_PREFIX = EsViews.BATCH_PREFIX;

  private final RestHighLevelClient client;

  /** Runs speed-view bulk requests, {@link #SPEED_BULK_REQUESTS} at once. */
  private final java.util.concurrent.ExecutorService speedRequests =
      EsBulk.requestThreads("es-speed-bulk", SPEED_BULK_REQUESTS);

  EsWriter(RestHighLevelClient client) {
    this.client = client;
  }

  /** Speed-view bulk requests at once: Elasticsearch indexes each on a write thread. */
  public static final int SPEED_BULK_REQUESTS = 2;

  @Override
  public String storeName() {
    return "Elasticsearch";
  }

  /**
   * Documents a speed-view bulk request holds at most: about 2.3 MB of NDJSON (some 470 bytes a
   * document). A loader that fell behind hands over tens of thousands of rows at once; in one
   * request Elasticsearch held them all while it indexed them, and every young collection of its 1
   * GB heap copied them (pauses of up to 100 ms at 10,000 ticks/s, bench end-to-end, issue 18).
   * Elasticsearch's reference ("Tune for indexing speed") warns of the memory pressure of large
   * bulk requests and asks for sizes found by benchmark.
   */
  public static final int SPEED_BULK_DOCUMENTS = 5_000;

  /**
   * Indexes speed-view documents, in requests of at most {@link #SPEED_BULK_DOCUMENTS}, {@link
   * #SPEED_BULK_REQUESTS} at once; idempotent, so a failed request's retry may index the others
   * again.
   *
   * @throws RejectedException once every request is answered: naming each document Elasticsearch
   *     refused for good (a 4xx other than 408 and 429), or the whole request when it refused that
   * @throws IOException when Elasticsearch cannot be reached, is busy (429) or failed (5xx)
   */
  @Override
  public void writeSpeed(Collection<Prediction> predictions) throws IOException {
    EsBulk.indexInRequests(
        client, SPEED_INDEX, predictions, SPEED_BULK_DOCUMENTS, speedRequests, SPEED_BULK_REQUESTS);
  }

  /** Stops the threads of the speed view's requests (they are made again by no one). */
  void close() {
    // requests not started are cancelled, so no writer waits for them
    speedRequests.shutdownNow().forEach(r -> ((java.util.concurrent.Future<?>) r).cancel(false));
  }

  /**
   * Creates the index of a batch view load, tuned for loading (no refresh until it is finished).
   */
  public String createBatchIndex(long version) throws IOException {
    String index = BATCH_PREFIX + version;
    client
        .indices()
        .create(
            new CreateIndexRequest(index)
                .source(EsViews.indexDefinition(), XContentType.JSON)
                // these settings replace the definition's: its shard and replica counts are
                // repeated here
                .settings(
                    Settings.builder()
                        .put("index.number_of_shards", 1)
                        .put("index.number_of_replicas", 0)
                        .put("index.refresh_interval", "-1")
                        .put("index.translog.durability", "async")),
            RequestOptions.DEFAULT);
    return index;
  }

  /**
   * Indexes a chunk of a batch view into its index.
   *
   * @param labelsBefore the view's model's training cutoff ({@link
   *     io.stocklambda.core.dataset.BatchViewInfo#modelLabelsBefore()}), or null if unknown
   */
  public void writeBatch(
      String index, Collection<Prediction> predictions, java.time.LocalDate labelsBefore)
      throws IOException {
    EsBulk.index(client, index, predictions, false, labelsBefore);
  }

  /** Documents of an index (after a refresh), or -1 if it does not exist. */
  public long count(String index) throws IOException {
    if (!client.indices().exists(new GetIndexRequest(index), RequestOptions.DEFAULT)) {
      return -1;
    }
    client.indices().refresh(new RefreshRequest(index), RequestOptions.DEFAULT);
    return client
        .count(new org.elasticsearch.client.core.CountRequest(index), RequestOptions.DEFAULT)
        .getCount();
  }

  /** Restores the batch index's normal settings and makes everything searchable. */
  public void finishBatchIndex(String index) throws IOException {
    client
        .indices()
        .putSettings(
            new UpdateSettingsRequest(index)
                .settings(
                    Settings.builder()
                        .put("index.refresh_interval", "1s")
                        .put("index.translog.durability", "request")),
            RequestOptions.DEFAULT);
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
    IndicesAliasesRequest swap =
        new IndicesAliasesRequest()
            .addAliasAction(
                AliasActions.add()
                    .index(batchIndex)
                    .alias(ALIAS)
                    .filter(QueryBuilders.rangeQuery("date").lte(horizon.toString())))
            .addAliasAction(
                AliasActions.add()
                    .index(SPEED_INDEX)
                    .alias(ALIAS)
                    .filter(QueryBuilders.rangeQuery("date").gt(horizon.toString())));
    for (String old : served) {
      if (!old.equals(batchIndex)) {
        swap.addAliasAction(AliasActions.remove().index(old).alias(ALIAS));
      }
    }
    client.indices().updateAliases(swap, RequestOptions.DEFAULT);
    if (!oldBatch.isEmpty()) {
      client
          .indices()
          .delete(new DeleteIndexRequest(oldBatch.toArray(String[]::new)), RequestOptions.DEFAULT);
    }
  }

  /** Every batch index there is, served or not. */
  public List<String> batchIndices() throws IOException {
    String[] indices =
        client
            .indices()
            .get(new GetIndexRequest(BATCH_PREFIX + "*"), RequestOptions.DEFAULT)
            .getIndices();
    return new ArrayList<>(List.of(indices));
  }

  /** The batch indices the alias points at (one after the first swap, none before). */
  public List<String> servedBatchIndices() throws IOException {
    GetAliasesResponse aliases =
        client.indices().getAlias(new GetAliasesRequest(ALIAS), RequestOptions.DEFAULT);
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
   * many. The speed index is refreshed first, so documents written in the last second are found
   * too.
   */
  public long expireSpeed(LocalDate horizon) throws IOException {
    return deleteSpeed(QueryBuilders.rangeQuery("date").lte(horizon.toString()));
  }

  /**
   * Deletes the speed documents of every stock whose symbol starts with {@code prefix} (a
   * benchmark's own stocks, which lie after any horizon and would never expire); returns how many.
   *
   * @throws IllegalArgumentException if {@code prefix} is blank
   */
  public long deleteSpeedOfStocksStartingWith(String prefix) throws IOException {
    if (prefix.isBlank()) {
      throw new IllegalArgumentException("a blank prefix would delete every stock's speed rows");
    }
    return deleteSpeed(QueryBuilders.prefixQuery("stock", prefix));
  }

  /**
   * Deletes the speed documents {@code query} matches, by id (this distribution has no
   * delete-by-query): a scroll of 1,000 ids a page, a bulk delete a page.
   */
  private long deleteSpeed(org.elasticsearch.index.query.QueryBuilder query) throws IOException {
    client.indices().refresh(new RefreshRequest(SPEED_INDEX), RequestOptions.DEFAULT);
    SearchRequest search =
        new SearchRequest(SPEED_INDEX)
            .scroll(TimeValue.timeValueMinutes(1))
            .source(new SearchSourceBuilder().query(query).size(1000).fetchSource(false));
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
        page =
            client.scroll(
                new SearchScrollRequest(scrollId).scroll(TimeValue.timeValueMinutes(1)),
                RequestOptions.DEFAULT);
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
      throw new IOException(
          failed + " of " + response.getItems().length + " bulk items failed, first " + first);
    }
  }
}
