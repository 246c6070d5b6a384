package io.stocklambda.serving.es;

import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.serving.ServingKeys;
import io.stocklambda.serving.load.RejectedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import org.elasticsearch.client.RestHighLevelClient;

/**
 * Elasticsearch's {@code _bulk} API as the loaders use it: one NDJSON request per chunk, each
 * failure classified as for good ({@link RejectedException}: a 4xx other than 408 and 429) or
 * passing (an {@link IOException} to retry).
 */
final class EsBulk {

  private EsBulk() {}

  /**
   * Indexes documents in requests of at most {@code documents} each, one after the other.
   *
   * @throws RejectedException naming each document refused for good once every request was sent, or
   *     at once a request refused as a whole
   * @throws IOException at the first request that failed for a passing reason
   */
  static void indexInRequests(
      RestHighLevelClient client, String index, Collection<Prediction> predictions, int documents)
      throws IOException {
    java.util.List<Prediction> rows = java.util.List.copyOf(predictions);
    Map<Prediction, String> refused = new java.util.HashMap<>();
    String first = null;
    for (int from = 0; from < rows.size(); from += documents) {
      try {
        index(
            client, index, rows.subList(from, Math.min(rows.size(), from + documents)), true, null);
      } catch (RejectedException e) {
        if (e.rejected().isEmpty()) {
          throw e; // the request as a whole: the caller finds the documents one by one
        }
        refused.putAll(e.rejected());
        first = first == null ? e.getMessage() : first;
      }
    }
    if (!refused.isEmpty()) {
      throw new RejectedException(
          refused.size() + " of " + rows.size() + " documents refused, first: " + first, refused);
    }
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
   * @throws IOException if the request fails otherwise, or a document was refused for a passing
   *     reason
   */
  static void index(
      RestHighLevelClient client,
      String index,
      Collection<Prediction> predictions,
      boolean detailed,
      java.time.LocalDate labelsBefore)
      throws IOException {
    if (predictions.isEmpty()) {
      return;
    }
    BulkBody body = new BulkBody(predictions.size() * 512);
    com.fasterxml.jackson.core.io.JsonStringEncoder quote =
        com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance();
    for (Prediction p : predictions) {
      body.write(INDEX_ACTION);
      body.write(quote.quoteAsUTF8(ServingKeys.documentId(p.stock(), p.date())));
      body.write(ACTION_END);
      PredictionDocument.writeTo(body, p, labelsBefore);
      body.write('\n');
    }
    org.elasticsearch.client.Request request =
        new org.elasticsearch.client.Request("POST", "/" + index + "/_bulk");
    request.addParameter(
        "filter_path",
        detailed ? "errors,items.*._id,items.*.status,items.*.error" : "errors,items.*.error");
    request.setEntity(body.entity());
    org.elasticsearch.client.Response response;
    try {
      response = client.getLowLevelClient().performRequest(request);
    } catch (org.elasticsearch.client.ResponseException e) {
      int status = e.getResponse().getStatusLine().getStatusCode();
      if (isPermanent(status)) {
        throw new RejectedException(
            "Elasticsearch refused the bulk request (" + status + "): " + reason(e), Map.of());
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
        com.fasterxml.jackson.databind.JsonNode action =
            item.elements().hasNext() ? item.elements().next() : null;
        com.fasterxml.jackson.databind.JsonNode error =
            action == null ? null : action.path("error");
        if (error != null && !error.isMissingNode()) {
          failed++;
          String reason = error.path("type").asText() + ": " + error.path("reason").asText();
          first = first == null ? reason : first;
          int status = action.path("status").asInt(0);
          boolean permanent =
              status != 0
                  ? isPermanent(status)
                  : !TRANSIENT_ERRORS.contains(error.path("type").asText());
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

  /**
   * Item errors that a later retry may not meet (a full queue, a tripped breaker, a shard moving),
   * when no status is given.
   */
  private static final java.util.Set<String> TRANSIENT_ERRORS =
      java.util.Set.of(
          "es_rejected_execution_exception",
          "circuit_breaking_exception",
          "unavailable_shards_exception",
          "cluster_block_exception",
          "no_shard_available_action_exception",
          "node_not_connected_exception",
          "node_closed_exception",
          "process_cluster_event_timeout_exception");

  /**
   * Whether an HTTP status says the same request will be refused again: a 4xx but a timeout or "too
   * many requests".
   */
  static boolean isPermanent(int status) {
    return status >= 400 && status < 500 && status != 408 && status != 429;
  }

  /**
   * The {@code type: reason} of an error response, shortened in the middle to 300 characters for a
   * header and a log line.
   */
  private static String reason(org.elasticsearch.client.ResponseException e) {
    String text;
    try {
      com.fasterxml.jackson.databind.JsonNode error =
          io.stocklambda.core.json.Json.mapper()
              .readTree(org.apache.http.util.EntityUtils.toString(e.getResponse().getEntity()))
              .path("error");
      text =
          error.path("type").asText("error")
              + ": "
              + error.path("reason").asText(String.valueOf(error));
    } catch (IOException | RuntimeException unreadable) {
      text = String.valueOf(e.getMessage()).replace('\n', ' ');
    }
    return text.length() <= 300
        ? text
        : text.substring(0, 150) + "..." + text.substring(text.length() - 147);
  }

  private static final byte[] INDEX_ACTION =
      "{\"index\":{\"_id\":\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ACTION_END = "\"}}\n".getBytes(StandardCharsets.UTF_8);
}
