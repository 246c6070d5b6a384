package io.stocklambda.serving.es;

import io.stocklambda.core.eval.DriftSnapshot;
import io.stocklambda.core.eval.PopulationStability;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.ElasticsearchStatusException;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.client.indices.CreateIndexRequest;
import org.elasticsearch.client.indices.GetIndexRequest;
import org.elasticsearch.xcontent.XContentType;

/**
 * Feature drift as a time series in Elasticsearch, for the Kibana dashboard: index {@value #INDEX}
 * (under the {@code predictions*} privileges the serving and dashboard roles already hold), one
 * document per model version, feature and minute: {@code at} (the snapshot's time), {@code model},
 * {@code feature}, {@code psi} (the population stability index of the feature's live windows
 * against the training set, {@link PopulationStability}), {@code windows} (live windows counted)
 * and {@code shifted} (PSI above {@link PopulationStability#DEGRADED_ABOVE}). The id {@code
 * <model>_<feature>_<epoch minute>} makes a write idempotent and keeps at most one point per
 * minute.
 */
public final class EsDriftIndex {

  public static final String INDEX = "predictions-feature-drift";

  private static final String DEFINITION = readDefinition();

  private final RestHighLevelClient client;

  EsDriftIndex(RestHighLevelClient client) {
    this.client = client;
  }

  /** The index definition (settings and strict mapping). */
  public static String definition() {
    return DEFINITION;
  }

  void ensure() throws IOException {
    if (client.indices().exists(new GetIndexRequest(INDEX), RequestOptions.DEFAULT)) {
      return;
    }
    try {
      client
          .indices()
          .create(
              new CreateIndexRequest(INDEX).source(DEFINITION, XContentType.JSON),
              RequestOptions.DEFAULT);
    } catch (ElasticsearchStatusException e) {
      if (!e.getDetailedMessage().contains("resource_already_exists_exception")) {
        throw e;
      }
    }
  }

  /**
   * Indexes each snapshot's features (a feature without a PSI, no window counted, is left out).
   *
   * @throws IOException if Elasticsearch cannot be reached or refused a document, with each
   *     document's reason (the points are a view of the topic: a later write writes them again)
   */
  public void write(Collection<DriftSnapshot> snapshots) throws IOException {
    BulkRequest bulk = new BulkRequest(INDEX);
    for (DriftSnapshot s : snapshots) {
      if (s.at() == null) {
        continue;
      }
      long minute = s.at().getEpochSecond() / Duration.ofMinutes(1).toSeconds();
      s.psi()
          .forEach(
              (feature, psi) -> {
                if (!psi.isNaN()) {
                  bulk.add(
                      new IndexRequest()
                          .id(s.modelVersion() + "_" + feature + "_" + minute)
                          .source(document(s, feature, psi)));
                }
              });
    }
    if (bulk.numberOfActions() == 0) {
      return;
    }
    BulkResponse response = client.bulk(bulk, RequestOptions.DEFAULT);
    if (response.hasFailures()) {
      List<String> reasons = new ArrayList<>();
      for (var item : response.getItems()) {
        if (item.isFailed()) {
          reasons.add(item.getId() + " (" + item.status() + "): " + item.getFailureMessage());
        }
      }
      throw new IOException("feature drift not indexed in " + INDEX + ": " + reasons);
    }
  }

  static Map<String, Object> document(DriftSnapshot s, String feature, double psi) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("at", s.at().toString());
    doc.put("model", s.modelVersion());
    doc.put("feature", feature);
    doc.put("psi", psi);
    doc.put("windows", s.windows());
    doc.put("shifted", psi > PopulationStability.DEGRADED_ABOVE);
    return doc;
  }

  private static String readDefinition() {
    try (InputStream in = EsDriftIndex.class.getResourceAsStream("/es/feature-drift-index.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
