package io.stocklambda.core.prediction;

import io.stocklambda.core.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A resolved call's JSON made from the JSON of the open call it resolves, without writing the call
 * again: {@link PredictionSerializer} writes {@code actualUp} and {@code correct} last, and only
 * once a call is resolved, so the two JSONs differ only by those two fields before the closing
 * brace. The speed layer writes every call twice, open and then resolved by the stock's next tick,
 * and writing predictions was the largest share of its CPU ({@code bench speed --cpu-profile},
 * docs/benchmarks.md, issue 18).
 *
 * <p>An instance writes one task's calls: it remembers each stock's last open call it wrote with
 * its JSON (one entry a stock, in memory only) and writes the call's outcome from it when the call
 * in hand differs from the remembered one only by its outcome ({@link #sameCall}); anything else is
 * written in full, so a restarted or moved task only loses the shortcut. Not thread-safe: one per
 * task or thread. Every engine of {@code bench speed} writes its predictions through it.
 */
public final class PredictionJson {

  private static final JsonCodec<Prediction> CODEC = JsonCodec.of(Prediction.class);

  private static final byte[][] OUTCOMES = {
    outcome(false, false), outcome(false, true), outcome(true, false), outcome(true, true)
  };

  private final Map<String, OpenCall> openCalls = new HashMap<>();

  private record OpenCall(Prediction call, byte[] json) {}

  /**
   * The JSON of a call, byte for byte what {@code JsonCodec.of(Prediction.class)} writes for it.
   */
  public byte[] write(Prediction p) {
    if (p.isResolved()) {
      OpenCall open = openCalls.remove(p.stock());
      return open != null && sameCall(open.call(), p) ? resolved(open.json(), p) : CODEC.encode(p);
    }
    byte[] json = CODEC.encode(p);
    openCalls.put(p.stock(), new OpenCall(p, json));
    return json;
  }

  /**
   * Whether two calls differ at most by their outcome: every field the serializer writes before
   * {@code actualUp} is equal, as the record's {@code equals} compares them (doubles by {@link
   * Double#compare}). Without building the open call's resolved copy to compare, which took 3.4 %
   * of the speed layer's CPU samples at max rate (docs/bench/speed-profile.txt); the closes compare
   * by reference first, as a resolved call shares its open call's list.
   */
  static boolean sameCall(Prediction open, Prediction resolved) {
    return open.date().equals(resolved.date())
        && Double.compare(open.probabilityUp(), resolved.probabilityUp()) == 0
        && open.up() == resolved.up()
        && open.layer() == resolved.layer()
        && Objects.equals(open.scoredAt(), resolved.scoredAt())
        && Objects.equals(open.modelVersion(), resolved.modelVersion())
        && open.stock().equals(resolved.stock())
        && (open.closes() == resolved.closes() || open.closes().equals(resolved.closes()));
  }

  /**
   * The JSON of {@code resolved}, byte for byte what {@code JsonCodec.of(Prediction.class)} writes
   * for it.
   *
   * @param openJson the JSON of the open call {@code resolved} resolves, as the codec wrote it: the
   *     caller vouches that it is {@code resolved} without its outcome (compare the calls, not the
   *     bytes)
   * @param resolved a resolved call
   * @throws IllegalArgumentException if {@code resolved} is open, or {@code openJson} is not a JSON
   *     object of an open call
   */
  static byte[] resolved(byte[] openJson, Prediction resolved) {
    if (!resolved.isResolved()) {
      throw new IllegalArgumentException(
          "the call of " + resolved.stock() + " " + resolved.date() + " is not resolved");
    }
    int end = openJson.length - 1;
    if (end < 1 || openJson[end] != '}' || openJson[0] != '{') {
      throw new IllegalArgumentException("not the JSON object of a call");
    }
    byte[] outcome = OUTCOMES[(resolved.actualUp() ? 2 : 0) + (resolved.correct() ? 1 : 0)];
    byte[] out = Arrays.copyOf(openJson, end + outcome.length);
    System.arraycopy(outcome, 0, out, end, outcome.length);
    return out;
  }

  private static byte[] outcome(boolean actualUp, boolean correct) {
    return (",\"actualUp\":" + actualUp + ",\"correct\":" + correct + "}")
        .getBytes(StandardCharsets.US_ASCII);
  }
}
