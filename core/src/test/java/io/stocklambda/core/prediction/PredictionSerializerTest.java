package io.stocklambda.core.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.stocklambda.core.json.Json;
import io.stocklambda.core.json.JsonCodec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PredictionSerializerTest {

  /**
   * Takes the field-by-field serializer off, so that the mapper writes the record by reflection.
   */
  @JsonSerialize(using = JsonSerializer.None.class)
  private abstract static class ByReflection {}

  private static final ObjectMapper REFLECTIVE =
      Json.mapper().copy().addMixIn(Prediction.class, ByReflection.class);

  @Test
  void writesTheBytesTheMapperWroteByReflectionAndReadsBack() throws Exception {
    Random random = new Random(17);
    JsonCodec<Prediction> codec = JsonCodec.of(Prediction.class);
    for (int i = 0; i < 20_000; i++) {
      Prediction p = random(random);

      byte[] fast = codec.encode(p);

      assertThat(new String(fast, java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(REFLECTIVE.writeValueAsString(p));
      assertThat(codec.decode(fast)).isEqualTo(p);
    }
  }

  @Test
  void instantsAreWrittenAsInstantToStringWrites() {
    Random random = new Random(18);
    List<Instant> cases =
        new ArrayList<>(
            List.of(
                Instant.EPOCH,
                Instant.parse("2026-11-26T16:11:27Z"),
                Instant.parse("2026-11-26T16:11:27.120Z"),
                Instant.parse("2026-11-26T16:11:27.000120Z"),
                Instant.parse("2026-11-26T16:11:27.000000120Z"),
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.MAX,
                Instant.MIN));
    for (int i = 0; i < 10_000; i++) {
      cases.add(Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000)));
      cases.add(Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt()));
    }
    for (Instant at : cases) {
      assertThat(PredictionSerializer.isoInstant(at)).isEqualTo(at.toString());
    }
  }

  private static Prediction random(Random random) {
    int n = random.nextInt(7);
    List<Double> closes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      closes.add(
          switch (random.nextInt(4)) {
            case 0 -> random.nextDouble() * 1000;
            case 1 -> Math.round(random.nextDouble() * 10000) / 100.0;
            case 2 -> random.nextDouble() * 1e-7;
            default -> random.nextDouble() * 1e12;
          });
    }
    Prediction p =
        new Prediction(
            random.nextBoolean() ? "ibm.us" : "brk-b.us",
            LocalDate.ofEpochDay(random.nextInt(40_000)),
            closes,
            random.nextInt(10) == 0 ? random.nextInt(2) : random.nextDouble(),
            random.nextBoolean(),
            random.nextInt(5) == 0 ? null : "v" + random.nextInt(100),
            Layer.values()[random.nextInt(Layer.values().length)],
            random.nextInt(5) == 0
                ? null
                : Instant.ofEpochMilli(1_500_000_000_000L + (long) (random.nextDouble() * 1e12)),
            null,
            null);
    return random.nextBoolean() ? p : p.withActual(random.nextBoolean());
  }
}
