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
   * A poll of fewer documents than this twice goes in one request: below it a request's own cost
   * (its round trip, the shard's bulk action) outweighs what two threads gain.
   */
  static final int MIN_SPLIT_DOCUMENTS = 500;

  /**
   * Indexes documents in requests of at most {@code documents} each, up to {@code threads}' size at
   * once, so that Elasticsearch indexes on as many write threads and the next request is built
   * while one is indexed (one after the other, its write pool was idle 40 % of the time at 10,000
   * ticks/s, issue 18). A batch of at least twice {@link #MIN_SPLIT_DOCUMENTS} is split in at least
   * {@code parallel} requests. The caller gives each (stock, date) once, so the order of the
   * requests does not matter.
   *
   * <p>Every request is answered before anything is thrown, in this order: a runtime failure of one
   * (a document the serializer cannot write), the whole of one request refused, a passing failure,
   * the documents refused for good.
   *
   * @param threads runs the requests; {@code parallel} of them at once at most
   * @throws RejectedException the whole of one request refused (the caller finds its documents one
   *     by one), or each document refused for good
   * @throws IOException if one failed for a passing reason (its retry may index the others again:
   *     the writes are idempotent)
   */
  static void indexInRequests(
      RestHighLevelClient client,
      String index,
      Collection<Prediction> predictions,
      int documents,
      java.util.concurrent.ExecutorService threads,
      int parallel)
      throws IOException {
    java.util.List<Prediction> rows = java.util.List.copyOf(predictions);
    int size = ceilDiv(rows.size(), Math.max(1, requests(rows.size(), documents, parallel)));
    java.util.List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
    RuntimeException broken = null;
    try {
      for (int from = 0; from < rows.size(); from += size) {
        java.util.List<Prediction> chunk = rows.subList(from, Math.min(rows.size(), from + size));
        sent.add(
            threads.submit(
                () -> {
                  index(client, index, chunk, true, null);
                  return null;
                }));
      }
    } catch (java.util.concurrent.RejectedExecutionException e) { // closed: those sent end first
      broken = e;
    }
    Map<Prediction, String> refused = new java.util.HashMap<>();
    RejectedException whole = null;
    IOException passing = null;
    String first = null;
    // every request is waited for, whatever failed: a retry must never race one still in hand
    for (java.util.concurrent.Future<?> request : sent) {
      try {
        awaitUninterruptibly(request);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RejectedException r && r.rejected().isEmpty()) {
          whole = whole == null ? r : whole;
        } else if (e.getCause() instanceof RejectedException r) {
          refused.putAll(r.rejected());
          first = first == null ? r.getMessage() : first;
        } else if (e.getCause() instanceof IOException io) {
          passing = passing == null ? io : passing;
        } else if (broken == null) {
          broken =
              e.getCause() instanceof RuntimeException runtime
                  ? runtime
                  : new IllegalStateException("a bulk request failed", e.getCause());
        }
      } catch (java.util.concurrent.CancellationException e) {
        passing = passing == null ? new IOException("a bulk request was cancelled", e) : passing;
      }
    }
    if (broken != null) {
      throw broken;
    }
    if (whole != null) {
      throw whole;
    }
    if (passing != null) {
      throw passing;
    }
    if (!refused.isEmpty()) {
      throw new RejectedException(
          refused.size() + " of " + rows.size() + " documents refused, first: " + first, refused);
    }
  }

  /**
   * Waits for a request; an interrupt is kept for after it (a request in hand cannot be withdrawn,
   * and one that landed after its retry would overwrite newer documents).
   */
  private static void awaitUninterruptibly(java.util.concurrent.Future<?> request)
      throws java.util.concurrent.ExecutionException {
    boolean interrupted = false;
    while (true) {
      try {
        request.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * How many requests {@link #indexInRequests} sends {@code rows} documents in: enough for at most
   * {@code documents} each, and at least {@code parallel} when each still gets {@link
   * #MIN_SPLIT_DOCUMENTS}.
   */
  static int requests(int rows, int documents, int parallel) {
    return Math.max(ceilDiv(rows, documents), Math.min(parallel, rows / MIN_SPLIT_DOCUMENTS));
  }

  /** {@code n} daemon threads named {@code <name>-<i>}, made as requests come. */
  static java.util.concurrent.ExecutorService requestThreads(String name, int n) {
    java.util.concurrent.atomic.AtomicInteger made =
        new java.util.concurrent.atomic.AtomicInteger();
    return java.util.concurrent.Executors.newFixedThreadPool(
        n,
        r -> {
          Thread t = new Thread(r, name + "-" + made.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  private static int ceilDiv(int n, int d) {
    return (n + d - 1) / d;
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
