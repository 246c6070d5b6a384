package io.stocklambda.core.prediction;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.json.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON of the live layers' prediction records, one record a tick ({@link #write(Prediction,
 * Prediction)}): the call the tick opened, carrying in its {@code resolved} field the stock's
 * previous call that the same tick resolved. Two records a tick, the new call and the previous
 * call's outcome, were much of what the speed layer's producer, its runtime and the broker paid for
 * at max rate ({@code bench speed}, docs/benchmarks.md, issue 18). {@link #read} gives a record's
 * calls back.
 *
 * <p>A resolved call's JSON is made from the JSON of the open call it resolves, without writing the
 * call again: {@link PredictionSerializer} writes {@code actualUp} and {@code correct} last, and
 * only once a call is resolved, so the two JSONs differ only by those two fields before the closing
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
  private static final JsonCodec<PredictionDeserializer.Calls> CALLS =
      JsonCodec.of(PredictionDeserializer.Calls.class).named("Prediction");
  private static final JsonCodec<CarriedCallReader.Carrier> CARRIER =
      JsonCodec.of(CarriedCallReader.Carrier.class).named("Prediction");

  /** The field of a record that carries the resolved call (written last, before the brace). */
  public static final String RESOLVED = "resolved";

  private static final byte[] RESOLVED_FIELD =
      (",\"" + RESOLVED + "\":").getBytes(StandardCharsets.US_ASCII);

  private static final byte[][] OUTCOMES = {
    outcome(false, false), outcome(false, true), outcome(true, false), outcome(true, true)
  };

  private final Map<String, OpenCall> openCalls = new HashMap<>();
  private final CallWriter calls = new CallWriter();

  private record OpenCall(Prediction call, byte[] json) {}

  /**
   * The record of one tick: {@code opened}'s JSON (byte for byte the codec's) with {@code
   * resolved}'s JSON as its last field {@code resolved}, or whichever of the two there is; a record
   * of a resolved call alone is a tick that resolved a call but opened none (its window refused). A
   * reader that knows nothing of {@code resolved} reads the record as {@code opened}.
   *
   * @param resolved the stock's previous call, resolved by the tick, or null
   * @param opened the call the tick opened, or null
   * @return the record's value, or null if both are null
   * @throws IllegalArgumentException if {@code opened} is resolved, {@code resolved} is not, or
   *     they are not of the same stock, or {@code resolved} is not older than {@code opened}
   */
  public byte[] write(Prediction resolved, Prediction opened) {
    check(resolved, opened);
    byte[] resolvedJson = resolved == null ? null : write(resolved);
    byte[] openedJson = opened == null ? null : write(opened);
    return carry(openedJson, resolvedJson);
  }

  /**
   * {@link #write(Prediction, Prediction)} without remembering calls: for calls kept elsewhere (a
   * candidate model's, under the stock and the version).
   */
  public static byte[] encode(Prediction resolved, Prediction opened) {
    check(resolved, opened);
    return carry(
        opened == null ? null : CODEC.encode(opened),
        resolved == null ? null : CODEC.encode(resolved));
  }

  /**
   * The calls one record holds, the resolved one first: {@code [resolved, opened]}, {@code
   * [opened]} or {@code [resolved]}. One pass over the record, wherever the field {@code resolved}
   * stands ({@link PredictionDeserializer}).
   *
   * @throws MalformedRecordException if the record, or the call it carries, is not a prediction, or
   *     a carried call is open, of another stock, not older than the record's call, or carried by a
   *     resolved call; the reason says which
   */
  public static List<Prediction> read(byte[] record) {
    PredictionDeserializer.Calls calls = CALLS.decode(record);
    Prediction call = calls.call();
    Prediction resolved = calls.resolved();
    if (resolved == null) {
      return List.of(call);
    }
    String problem = problem(resolved, call);
    if (problem != null) {
      throw new MalformedRecordException(problem, null);
    }
    return List.of(resolved, call);
  }

  /**
   * The resolved call a record holds, or null if it holds none (a record of an open call alone):
   * what a reader that counts outcomes needs, such as the serving layer's live scoreboard. Of a
   * record that carries a call, only the carried call is read in full ({@link CarriedCallReader});
   * a record without one (a stock's first, or no prediction at all) is read by {@link #read}. For
   * any record {@link #read} accepts, this is its resolved call (its first, if resolved). A record
   * {@link #read} refuses is refused here too, with its reason, unless it carries a call and its
   * only fault is in a field of its own call other than the stock, the date and {@code actualUp}
   * (its closes, probability, model or time), which are skipped. Of a record with several faults,
   * the carried call's may be named where {@link #read} names an earlier one.
   *
   * @throws MalformedRecordException if the record is not a JSON object of a prediction, or the
   *     carried call cannot be read or cannot ride on the record's call; the reason is {@link
   *     #read}'s
   */
  public static Prediction readResolved(byte[] record) {
    CarriedCallReader.Carrier carrier = CARRIER.decode(record);
    Prediction resolved = carrier.carried();
    if (resolved == null) {
      // a stock's first record, or not a prediction at all: read in full, refused as read refuses
      Prediction call = read(record).get(0);
      return call.isResolved() ? call : null;
    }
    String problem = problem(resolved, carrier.stock(), carrier.date(), carrier.resolved());
    if (problem != null) {
      read(record); // refuses it, in its words: a fault of the record's own call comes first
      throw new MalformedRecordException(problem, null);
    }
    return resolved;
  }

  /**
   * Why {@code resolved} cannot ride on {@code opened}, or null; on every tick's write and every
   * record's read, so the message is built only for a refusal.
   */
  private static String problem(Prediction resolved, Prediction opened) {
    return problem(resolved, opened.stock(), opened.date(), opened.isResolved());
  }

  /**
   * Why {@code resolved} cannot ride on a call of {@code stock} and {@code date}, resolved or not,
   * or null; a missing stock or date is a stock or date it differs from.
   */
  private static String problem(
      Prediction resolved, String stock, LocalDate date, boolean callResolved) {
    String rule;
    if (callResolved) {
      rule = " rides on a resolved call ";
    } else if (!resolved.isResolved()) {
      rule = " is not resolved, carried by ";
    } else if (!resolved.stock().equals(stock)) {
      rule = " is of another stock than ";
    } else if (date == null || !resolved.date().isBefore(date)) {
      rule = " is not older than ";
    } else {
      return null;
    }
    return "the carried call "
        + resolved.stock()
        + " "
        + resolved.date()
        + rule
        + stock
        + " "
        + date;
  }

  private static void check(Prediction resolved, Prediction opened) {
    if (opened != null && opened.isResolved()) {
      throw new IllegalArgumentException(
          "the opened call of " + opened.stock() + " " + opened.date() + " is resolved");
    }
    if (resolved != null && !resolved.isResolved()) {
      throw new IllegalArgumentException(
          "the call of " + resolved.stock() + " " + resolved.date() + " is not resolved");
    }
    if (resolved != null && opened != null) {
      String problem = problem(resolved, opened);
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }
  }

  /** {@code openedJson} with {@code resolvedJson} as its last field, or whichever there is. */
  private static byte[] carry(byte[] openedJson, byte[] resolvedJson) {
    if (openedJson == null || resolvedJson == null) {
      return openedJson == null ? resolvedJson : openedJson;
    }
    int end = openedJson.length - 1; // the closing brace
    byte[] out = Arrays.copyOf(openedJson, end + RESOLVED_FIELD.length + resolvedJson.length + 1);
    System.arraycopy(RESOLVED_FIELD, 0, out, end, RESOLVED_FIELD.length);
    System.arraycopy(resolvedJson, 0, out, end + RESOLVED_FIELD.length, resolvedJson.length);
    out[out.length - 1] = '}';
    return out;
  }

  /**
   * The JSON of a call, byte for byte what {@code JsonCodec.of(Prediction.class)} writes for it.
   */
  byte[] write(Prediction p) {
    if (p.isResolved()) {
      OpenCall open = openCalls.remove(p.stock());
      return open != null && sameCall(open.call(), p) ? resolved(open.json(), p) : calls.write(p);
    }
    byte[] json = calls.write(p);
    openCalls.put(p.stock(), new OpenCall(p, json));
    return json;
  }

  /**
   * Whether two calls differ at most by their outcome: every field the serializer writes before
   * {@code actualUp} is equal, as the record's {@code equals} compares them (doubles by {@link
   * Double#compare}). Without building the open call's resolved copy to compare, which took 3.4 %
   * of the speed layer's CPU samples at max rate (docs/bench/issue18-run3/speed-profile.txt); the
   * closes compare by reference first, as a resolved call shares its open call's list.
   */
  static boolean sameCall(Prediction open, Prediction resolved) {
    return open.date().equals(resolved.date())
        && Double.compare(open.probabilityUp(), resolved.probabilityUp()) == 0
        && open.up() == resolved.up()
        && open.layer() == resolved.layer()
        && Objects.equals(open.scoredAt(), resolved.scoredAt())
        && Objects.equals(open.modelVersion(), resolved.modelVersion())
        && open.stock().equals(resolved.stock())
        && sameCloses(open.closes(), resolved.closes());
  }

  /**
   * {@code a.equals(b)} for two lists of closes ({@link Double#equals}: the same bits), by index:
   * the JDK's one iterator of every immutable list made {@code equals} a megamorphic call a close
   * (0.5 us a record in the speed layer's profile, docs/bench/issue18-session11).
   */
  private static boolean sameCloses(List<Double> a, List<Double> b) {
    if (a == b) {
      return true;
    }
    int n = a.size();
    if (n != b.size()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!a.get(i).equals(b.get(i))) {
        return false;
      }
    }
    return true;
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
