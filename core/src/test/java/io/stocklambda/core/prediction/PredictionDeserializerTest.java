package io.stocklambda.core.prediction;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.stocklambda.core.json.Json;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.json.JsonVariants;
import io.stocklambda.core.json.MalformedRecordException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass reader against the mapper's generic record reader it replaced: on valid records and
 * on every field dropped, reordered or replaced by a value of another kind, both give the same call
 * or both refuse with the same reason.
 */
class PredictionDeserializerTest {

  private static final JsonCodec<Prediction> CODEC = JsonCodec.of(Prediction.class);

  /** The project's mapper with the record read by the mapper's generic reader. */
  private static final ObjectReader GENERIC =
      Json.mapper().copy().addMixIn(Prediction.class, Generic.class).readerFor(Prediction.class);

  @JsonDeserialize(using = JsonDeserializer.None.class)
  private interface Generic {}

  /** How the two-pass reader read a record's carried call: its {@code resolved} field alone. */
  private record Carried(Prediction resolved) {}

  private static final ObjectReader CARRIED =
      Json.mapper().copy().addMixIn(Prediction.class, Generic.class).readerFor(Carried.class);

  private static final List<String> VALUES =
      List.of(
          "null",
          "5",
          "0.25",
          "1.5",
          "-1",
          "\"0.5\"",
          "\"x\"",
          "\"\"",
          "true",
          "false",
          "\"true\"",
          "[]",
          "{}",
          "[1,2.5]",
          "[\"1.5\"]",
          "[null]",
          "[[1]]",
          "\"2017-11-10\"",
          "\"2017-13-10\"",
          "[2017,11,10]",
          "\"2026-01-01T00:00:00Z\"",
          "1500000000",
          "\"speed\"",
          "\"shadow\"",
          "\"SPEED\"",
          "{\"stock\":\"ibm.us\"}",
          "[2017,13,10]",
          "[2017,2,30]",
          "9000000000000000000");

  @Test
  void everyRecordAndEveryVariantOfItReadsAsTheGenericReaderReadsIt() throws IOException {
    Random random = new Random(42);
    int compared = 0;
    int refused = 0;
    for (int i = 0; i < 6; i++) {
      Prediction call = call(random, i % 2 == 0);
      Map<String, String> fields = fields(CODEC.encodeToString(call));
      assertThat(CODEC.decode(json(fields))).isEqualTo(call);
      for (String json : variants(fields)) {
        refused += sameOutcome(json) ? 0 : 1;
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(1_000);
    assertThat(refused).as("variants that both refuse").isBetween(compared / 4, compared - 1);
  }

  /**
   * A record's carried call, varied the same ways, is read or refused as the generic reader of the
   * record's {@code resolved} field read or refused it, the refusal's reason after "the call
   * carried in resolved: "; one it reads is then checked against the record's own call.
   */
  @Test
  void everyVariantOfACarriedCallReadsAsTheGenericReaderReadsTheField() throws IOException {
    Random random = new Random(43);
    Prediction call = call(random, false);
    String open = CODEC.encodeToString(call);
    int compared = 0;
    for (String carried : variants(fields(CODEC.encodeToString(call(random, true))))) {
      String json = open.substring(0, open.length() - 1) + ",\"resolved\":" + carried + "}";
      String expected;
      try {
        Carried generic = CARRIED.readValue(json.getBytes(UTF_8));
        expected = "read " + generic.resolved();
      } catch (JacksonException e) {
        expected = "refused: the call carried in resolved: " + JsonCodec.reason("Prediction", e);
      }
      String actual;
      try {
        List<Prediction> calls = PredictionJson.read(json.getBytes(UTF_8));
        actual = "read " + calls.get(0);
        assertThat(calls).hasSize(2).last().isEqualTo(call);
      } catch (MalformedRecordException e) {
        actual = "refused: " + e.reason();
      }
      if (expected.startsWith("read") && actual.startsWith("refused")) {
        // read by both, then refused beside the record's call (another stock, not older)
        assertThat(actual).as(json).doesNotContain("the call carried in resolved");
      } else {
        assertThat(actual).as(json).isEqualTo(expected);
      }
      compared++;
    }
    assertThat(compared).isGreaterThan(200);
  }

  /**
   * The one difference: the generic reader refused a repeated field of the record as "not JSON" (no
   * setter to fall back on), this one keeps the last value, as Jackson does for a bean's field.
   */
  @Test
  void aRepeatedFieldTakesItsLastValue() throws IOException {
    Prediction call = call(new Random(3), true);
    String json = CODEC.encodeToString(call);
    String repeated =
        json.replace(
                "{\"stock\":\"", "{\"stock\":\"first.us\",\"up\":" + !call.up() + ",\"stock\":\"")
            .replace("}", ",\"up\":" + call.up() + "}");

    assertThat(CODEC.decode(repeated)).isEqualTo(call);
    assertThat(outcome(GENERIC, repeated)).startsWith("refused: not JSON");
  }

  @Test
  void recordsThatAreNotObjectsAreRefused() {
    for (String json : List.of("[]", "\"x\"", "5", "true", "[{}]")) {
      assertThat(outcome(GENERIC, json)).startsWith("refused");
      assertThat(decoded(json)).startsWith("refused: invalid Prediction: ");
    }
  }

  /** Whether both readers give the same value or reason; true if they read a call. */
  private static boolean sameOutcome(String json) {
    String expected = outcome(GENERIC, json);
    assertThat(decoded(json)).as(json).isEqualTo(expected);
    return expected.startsWith("read");
  }

  private static String decoded(String json) {
    try {
      return "read " + CODEC.decode(json);
    } catch (MalformedRecordException e) {
      return "refused: " + e.reason();
    }
  }

  private static String outcome(ObjectReader reader, String json) {
    try {
      Prediction p = reader.readValue(json.getBytes(UTF_8));
      return "read " + p;
    } catch (JacksonException e) {
      return "refused: " + JsonCodec.reason("Prediction", e);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> variants(Map<String, String> fields) {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("note", "{\"a\":[1,{\"b\":null}]}");
    extra.put("resolved", "{\"stock\":5}");
    return JsonVariants.of(fields, VALUES, extra);
  }

  private static Map<String, String> fields(String json) throws IOException {
    return JsonVariants.fields(json);
  }

  private static String json(Map<String, String> fields) {
    return JsonVariants.json(fields);
  }

  private static Prediction call(Random random, boolean resolved) {
    List<Double> closes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      closes.add(random.nextDouble() * 100);
    }
    double p = random.nextDouble();
    Prediction call =
        new Prediction(
            "s" + random.nextInt(100) + ".us",
            LocalDate.of(2017, 1, 2).plusDays(random.nextInt(300)),
            closes,
            p,
            p >= 0.5,
            "v" + random.nextInt(100),
            Layer.values()[random.nextInt(3)],
            Instant.ofEpochSecond(1_500_000_000L + random.nextInt(1_000_000), random.nextInt(1000)),
            null,
            null);
    return resolved ? call.withActual(random.nextBoolean()) : call;
  }
}
