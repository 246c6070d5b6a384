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

  private PredictionDocument() {}

  /**
   * The document's JSON: the prediction's own encoding with the dashboard fields appended before
   * its closing brace (one encoding, no re-parse: this runs 17 M times for a full batch view).
   */
  public static byte[] of(Prediction p) {
    return of(p, null);
  }

  /**
   * @param labelsBefore the training cutoff of the batch view's model (null for speed-layer
   *     predictions, or when unknown)
   */
  public static byte[] of(Prediction p, java.time.LocalDate labelsBefore) {
    byte[] json = PREDICTIONS.encode(p);
    if (json.length < 2 || json[json.length - 1] != '}') {
      throw new IllegalStateException("a prediction did not encode as a JSON object");
    }
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
    byte[] tail = extra.append('}').toString().getBytes(StandardCharsets.US_ASCII);
    byte[] doc = java.util.Arrays.copyOf(json, json.length - 1 + tail.length);
    System.arraycopy(tail, 0, doc, json.length - 1, tail.length);
    return doc;
  }

  /** The prediction a document holds (the extra fields are ignored). */
  public static Prediction toPrediction(String source) {
    return PREDICTIONS.decode(source.getBytes(StandardCharsets.UTF_8));
  }
}
