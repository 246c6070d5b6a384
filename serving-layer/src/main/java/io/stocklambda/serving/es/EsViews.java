package io.stocklambda.serving.es;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.admin.indices.alias.IndicesAliasesRequest;
import org.elasticsearch.action.admin.indices.alias.IndicesAliasesRequest.AliasActions;
import org.elasticsearch.action.admin.indices.alias.get.GetAliasesRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.client.indices.CreateIndexRequest;
import org.elasticsearch.client.indices.GetIndexRequest;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentType;

/**
 * The contract's Elasticsearch side, a connection and its names ({@link EsWriter} writes, {@link
 * EsQueries} reads): the speed view in index {@code predictions-speed}, each batch view in a new
 * index {@code predictions-batch-<version>}, document id {@code <stock>_<yyyyMMdd>} (idempotent
 * writes), and the alias {@code predictions} that Kibana and the API read: the batch index filtered
 * to {@code date <= horizon} and the speed index to {@code date > horizon}, so the alias holds
 * exactly one document per (stock, date). A new batch view is swapped in with one atomic alias
 * update; this Elasticsearch has no delete-by-query, so expiring speed documents at or below the
 * horizon is the alias filter at once, then deletes by id.
 */
public final class EsViews implements Closeable {

  public static final String ALIAS = "predictions";
  public static final String SPEED_INDEX = "predictions-speed";
  public static final String BATCH_PREFIX = "predictions-batch-";

  /**
   * How soon a speed-view document is searchable: the speed index's refresh interval, shorter than
   * the 1 s of the definition (batch indices keep it). A refresh of the small speed index costs
   * little, and at 1 s it was most of the time from a tick to its searchable prediction (bench
   * end-to-end, docs/benchmarks.md).
   */
  public static final String SPEED_REFRESH_INTERVAL = "250ms";

  /** Fields added to the mapping after indices were first created (issue 17: sample). */
  static final String ADDED_FIELDS =
      "{\"properties\": {\"sample\": {\"type\": \"keyword\", \"index\": false}}}";

  private static final String INDEX_DEFINITION = readDefinition();

  private final RestHighLevelClient client;
  private final String url;
  private final EsWriter writer;
  private final EsQueries queries;
  private final EsDriftIndex drift;

  private EsViews(RestHighLevelClient client, String url) {
    this.client = client;
    this.url = url;
    this.writer = new EsWriter(client);
    this.queries = new EsQueries(client);
    this.drift = new EsDriftIndex(client);
  }

  /** What writes the views: the speed view, batch indices, the swap, expiry. */
  public EsWriter writer() {
    return writer;
  }

  /** Feature drift as a time series, for Kibana. */
  public EsDriftIndex drift() {
    return drift;
  }

  /** What reads the merged view through the alias. */
  public EsQueries queries() {
    return queries;
  }

  /** Connects with the credentials of the environment ({@link EsCredentials#fromEnvironment()}). */
  public static EsViews connect(String url) {
    return connect(url, EsCredentials.fromEnvironment());
  }

  /**
   * Connects and creates the speed index, the alias and the feature-drift index if missing.
   *
   * @throws IllegalStateException if the cluster refuses the credentials, wants some, or denies a
   *     privilege the serving layer needs
   * @throws UncheckedIOException if it cannot be reached
   */
  public static EsViews connect(String url, Optional<EsCredentials> credentials) {
    HttpHost[] hosts =
        Arrays.stream(url.split(","))
            .map(String::trim)
            .map(HttpHost::create)
            .toArray(HttpHost[]::new);
    RestClientBuilder builder =
        RestClient.builder(hosts)
            .setRequestConfigCallback(c -> c.setConnectTimeout(5_000).setSocketTimeout(60_000));
    credentials.ifPresent(
        login -> {
          BasicCredentialsProvider provider = new BasicCredentialsProvider();
          provider.setCredentials(
              AuthScope.ANY, new UsernamePasswordCredentials(login.user(), login.password()));
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
      String who =
          credentials
              .map(c -> "user '" + c.user() + "'")
              .orElse("no credentials (" + EsCredentials.USER_ENV + " is not set)");
      if (e.status() == RestStatus.UNAUTHORIZED) {
        throw new IllegalStateException(
            "Elasticsearch at "
                + url
                + " refused "
                + who
                + " (401): with security on, set "
                + EsCredentials.USER_ENV
                + " and "
                + EsCredentials.PASSWORD_ENV
                + " to a user of the cluster",
            e);
      }
      if (e.status() == RestStatus.FORBIDDEN) {
        throw new IllegalStateException(
            "Elasticsearch at "
                + url
                + " denies "
                + who
                + " a privilege the serving layer needs (403): "
                + "it needs 'monitor' on the cluster and 'all' on the indices "
                + ALIAS
                + "*; "
                + e.getDetailedMessage(),
            e);
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
        client
            .indices()
            .create(
                new CreateIndexRequest(SPEED_INDEX).source(INDEX_DEFINITION, XContentType.JSON),
                RequestOptions.DEFAULT);
      } catch (org.elasticsearch.ElasticsearchStatusException e) {
        if (!e.getDetailedMessage().contains("resource_already_exists_exception")) {
          throw e;
        }
      }
    }
    // indices an older build created lack the fields added since; adding a field to a mapping is
    // idempotent, and the mapping is strict, so a document with a field its index lacks is refused
    org.elasticsearch.client.Request upgrade =
        new org.elasticsearch.client.Request(
            "PUT", "/" + SPEED_INDEX + "," + BATCH_PREFIX + "*/_mapping");
    upgrade.addParameter("allow_no_indices", "true"); // no batch index yet is fine
    upgrade.addParameter("ignore_unavailable", "true");
    upgrade.setJsonEntity(ADDED_FIELDS);
    client.getLowLevelClient().performRequest(upgrade);
    // on a speed index an older build created too: a setting is idempotent
    org.elasticsearch.client.Request refresh =
        new org.elasticsearch.client.Request("PUT", "/" + SPEED_INDEX + "/_settings");
    refresh.setJsonEntity(
        "{\"index\": {\"refresh_interval\": \"" + SPEED_REFRESH_INTERVAL + "\"}}");
    client.getLowLevelClient().performRequest(refresh);
    if (!client.indices().existsAlias(new GetAliasesRequest(ALIAS), RequestOptions.DEFAULT)) {
      client
          .indices()
          .updateAliases(
              new IndicesAliasesRequest()
                  .addAliasAction(AliasActions.add().index(SPEED_INDEX).alias(ALIAS)),
              RequestOptions.DEFAULT);
    }
    drift.ensure();
  }

  /** Whether Elasticsearch answers: cluster health. */
  public String health() {
    try {
      return "ok, "
          + client
              .cluster()
              .health(
                  new org.elasticsearch.action.admin.cluster.health.ClusterHealthRequest(),
                  RequestOptions.DEFAULT)
              .getStatus()
              .name()
              .toLowerCase(java.util.Locale.ROOT);
    } catch (IOException | RuntimeException e) {
      return "down: " + e.getMessage();
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
    writer.close();
    try {
      client.close();
    } catch (IOException e) {
      // closing after a failure
    }
  }

  @Override
  public void close() throws IOException {
    writer.close();
    client.close();
  }
}
