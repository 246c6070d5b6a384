package io.stocklambda.serving.es;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stocklambda.core.json.Json;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.prediction.Prediction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A prediction as an Elasticsearch document: the wire record plus what dashboards need and cannot
 * compute without scripts (this Elasticsearch has no Painless): the last close, the confidence
 * ({@code |2p - 1|}), whether it is resolved, and {@code hit} (1 or 0 once resolved), whose average
 * is the hit rate.
 */
public final class PredictionDocument {

  private static final JsonCodec<Prediction> PREDICTIONS = JsonCodec.of(Prediction.class);

  private PredictionDocument() {}

  public static byte[] of(Prediction p) {
    try {
      ObjectNode doc = (ObjectNode) Json.mapper().readTree(PREDICTIONS.encode(p));
      if (!p.closes().isEmpty()) {
        doc.put("close", p.lastClose());
      }
      doc.put("confidence", Math.abs(2 * p.probabilityUp() - 1));
      doc.put("resolved", p.isResolved());
      if (p.isResolved()) {
        doc.put("hit", Boolean.TRUE.equals(p.correct()) ? 1 : 0);
      }
      return Json.mapper().writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The prediction a document holds (the extra fields are ignored). */
  public static Prediction toPrediction(String source) {
    return PREDICTIONS.decode(source.getBytes(StandardCharsets.UTF_8));
  }
}
