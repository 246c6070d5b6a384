package io.stocklambda.core.tick;

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
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass reader against the mapper's generic reader through {@link Tick#fromJson} it
 * replaced: on valid ticks, in both of the forms the contract accepts, and on every field dropped,
 * reordered or replaced by a value of another kind, both give the same tick or both refuse with the
 * same reason.
 */
class TickDeserializerTest {

  private static final JsonCodec<Tick> CODEC = JsonCodec.of(Tick.class);

  /** The project's mapper with the tick read by the mapper's generic reader. */
  private static final ObjectReader GENERIC =
      Json.mapper().copy().addMixIn(Tick.class, Generic.class).readerFor(Tick.class);

  @JsonDeserialize(using = JsonDeserializer.None.class)
  private interface Generic {}

  private static final List<String> VALUES =
      List.of(
          "null",
          "5",
          "0",
          "0.25",
          "-1.5",
          "1e400",
          "\"1.5\"",
          "\"NaN\"",
          "\"x\"",
          "\"\"",
          "true",
          "[]",
          "{}",
          "[1.5]",
          "\"2017-11-10\"",
          "\"2017-11-10T00:00:00.000+01:00\"",
          "\"2017-13-10\"",
          "\"IBM.US\"",
          "9000000000000000000",
          "90000000000000000000",
          "12.0");

  @Test
  void everyTickAndEveryVariantOfItReadsAsTheGenericReaderReadsIt() throws IOException {
    Random random = new Random(42);
    int compared = 0;
    int refused = 0;
    for (int i = 0; i < 6; i++) {
      Tick tick = tick(random);
      String full = CODEC.encodeToString(tick);
      String thesis =
          "{\"stock\":\""
              + tick.stock()
              + "\",\"price\":"
              + tick.close()
              + ",\"date\":\""
              + tick.date()
              + "T00:00:00.000+01:00\"}";
      assertThat(CODEC.decode(full)).isEqualTo(tick);
      assertThat(CODEC.decode(thesis))
          .isEqualTo(Tick.ofClose(tick.stock(), tick.date(), tick.close()));
      for (String json : List.of(full, thesis)) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("note", "{\"a\":[1,{\"b\":null}]}");
        extra.put("openInt", "0");
        for (String variant : JsonVariants.of(JsonVariants.fields(json), VALUES, extra)) {
          refused += sameOutcome(variant) ? 0 : 1;
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThan(1_000);
    assertThat(refused).as("variants that both refuse").isBetween(compared / 4, compared - 1);
  }

  /**
   * Records that are not objects are refused by both, in Jackson's words for an unexpected token
   * here, for a missing constructor there.
   */
  @Test
  void recordsThatAreNotObjectsAreRefused() {
    for (String json : List.of("[]", "[1,2]", "\"x\"", "5", "true", "[{}]")) {
      assertThat(outcome(json)).as(json).startsWith("refused");
      assertThat(decoded(json)).as(json).startsWith("refused: invalid Tick: ");
    }
    assertThat(decoded("null")).isEqualTo(outcome("null")).isEqualTo("refused: null record");
    assertThat(decoded("{}"))
        .isEqualTo(outcome("{}"))
        .isEqualTo("refused: invalid Tick: missing date");
  }

  /**
   * A repeated field keeps its last value in both readers, except in a record with all eight fields
   * the creator takes: the generic reader made the tick once it had all eight, and refused a field
   * repeated after that as "not JSON"; this one keeps the last value there too.
   */
  @Test
  void aRepeatedFieldTakesItsLastValue() {
    String repeated =
        "{\"stock\":\"a.us\",\"stock\":\"b.us\",\"date\":\"2001-01-01\",\"close\":1.0}";
    assertThat(decoded(repeated))
        .isEqualTo(outcome(repeated))
        .isEqualTo("read " + Tick.ofClose("b.us", LocalDate.of(2001, 1, 1), 1.0));

    String allEight =
        "{\"stock\":\"a.us\",\"date\":\"2001-01-01\",\"open\":1.0,\"high\":1.0,\"low\":1.0,"
            + "\"close\":1.0,\"price\":2.0,\"volume\":3,\"close\":5.0}";
    assertThat(decoded(allEight))
        .isEqualTo("read " + new Tick("a.us", LocalDate.of(2001, 1, 1), 1, 1, 1, 5, 3));
    assertThat(outcome(allEight)).startsWith("refused: not JSON: No fallback setter");
  }

  /** Whether both readers give the same value or reason; true if they read a tick. */
  private static boolean sameOutcome(String json) {
    String expected = outcome(json);
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

  private static String outcome(String json) {
    try {
      Tick t = GENERIC.readValue(json.getBytes(UTF_8));
      return t == null ? "refused: null record" : "read " + t;
    } catch (JacksonException e) {
      return "refused: " + JsonCodec.reason("Tick", e);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Tick tick(Random random) {
    double close = 1 + Math.round(random.nextDouble() * 100_000) / 100.0;
    return new Tick(
        "s" + random.nextInt(100) + ".us",
        LocalDate.of(2017, 1, 2).plusDays(random.nextInt(300)),
        close * 1.01,
        close * 1.02,
        close * 0.99,
        close,
        random.nextInt(10_000_000));
  }
}
