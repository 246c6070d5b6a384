package io.stocklambda.serving.es;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.prediction.EvaluationSample;
import io.stocklambda.core.prediction.Prediction;
import java.nio.charset.StandardCharsets;

/**
 * A prediction as an Elasticsearch document: the wire record plus what dashboards need and cannot
 * compute without scripts (this Elasticsearch has no Painless): the last close, the confidence
 * ({@code |2p - 1|}), whether it is resolved, {@code hit} (1 or 0 once resolved), whose average is
 * the hit rate, and {@code sample}: in-sample, out-of-time or live ({@link EvaluationSample}), so a
 * hit rate is never a mix of fits and forecasts.
 */
public final class PredictionDocument {

  private static final JsonCodec<Prediction> PREDICTIONS = JsonCodec.of(Prediction.class);

  private static final com.fasterxml.jackson.databind.ObjectWriter WRITER =
      io.stocklambda.core.json.Json.mapper().writerFor(Prediction.class);

  private PredictionDocument() {}

  /**
   * Writes the document's JSON at the end of {@code body}: the prediction's own encoding with the
   * dashboard fields appended before its closing brace, in place (no intermediate arrays: this runs
   * 17 M times for a full batch view, and twice a tick for the speed view).
   *
   * @param labelsBefore the training cutoff of the batch view's model (null for speed-layer
   *     predictions, or when unknown)
   */
  static void writeTo(BulkBody body, Prediction p, java.time.LocalDate labelsBefore)
      throws java.io.IOException {
    try {
      WRITER.writeValue(body, p);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // not a store's passing failure, which an IOException would say: never retried
      throw new IllegalStateException("cannot encode the prediction: " + e.getOriginalMessage(), e);
    }
    body.dropLast((byte) '}');
    StringBuilder extra = new StringBuilder(80);
    if (!p.closes().isEmpty()) {
      extra.append(",\"close\":").append(p.lastClose());
    }
    extra.append(",\"confidence\":").append(Math.abs(2 * p.probabilityUp() - 1));
    extra.append(",\"resolved\":").append(p.isResolved());
    if (p.isResolved()) {
      extra.append(",\"hit\":").append(Boolean.TRUE.equals(p.correct()) ? 1 : 0);
    }
    extra.append(",\"sample\":\"").append(EvaluationSample.of(p, labelsBefore).id()).append('"');
    body.writeAscii(extra.append('}'));
  }

  /**
   * The document's JSON on its own ({@link #writeTo}), for tests.
   *
   * @param labelsBefore as for {@link #writeTo}
   */
  static byte[] of(Prediction p, java.time.LocalDate labelsBefore) {
    BulkBody body = new BulkBody(512);
    try {
      writeTo(body, p, labelsBefore);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // a byte array does not fail
    }
    return body.toByteArray();
  }

  /** The prediction a document holds (the extra fields are ignored). */
  public static Prediction toPrediction(String source) {
    return PREDICTIONS.decode(source.getBytes(StandardCharsets.UTF_8));
  }
}
