package io.stocklambda.core.prediction;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void aResolvedCallsJsonMadeFromItsOpenCallsIsTheCodecs() {
    Random random = new Random(19);
    JsonCodec<Prediction> codec = JsonCodec.of(Prediction.class);
    for (int i = 0; i < 20_000; i++) {
      Prediction open = random(random);
      if (open.isResolved()) {
        continue;
      }
      Prediction resolved = open.withActual(random.nextBoolean());

      assertThat(new String(PredictionJson.resolved(codec.encode(open), resolved), UTF_8))
          .isEqualTo(new String(codec.encode(resolved), UTF_8));
    }
  }

  @Test
  void theWriterGivesTheCodecsBytesWhicheverCallItIsHanded() {
    Random random = new Random(21);
    JsonCodec<Prediction> codec = JsonCodec.of(Prediction.class);
    PredictionJson writer = new PredictionJson();
    List<Prediction> opened = new ArrayList<>();
    int shortcuts = 0;
    for (int i = 0; i < 20_000; i++) {
      Prediction p;
      if (!opened.isEmpty() && random.nextInt(3) > 0) {
        // the remembered call resolved, or another call of the same stock (a restart, a move)
        Prediction open = opened.remove(random.nextInt(opened.size()));
        p =
            random.nextBoolean()
                ? open.withActual(random.nextBoolean())
                : new Prediction(
                        open.stock(),
                        open.date().plusDays(1),
                        open.closes(),
                        open.probabilityUp(),
                        open.up(),
                        open.modelVersion(),
                        open.layer(),
                        open.scoredAt(),
                        null,
                        null)
                    .withActual(true);
        shortcuts += p.date().equals(open.date()) ? 1 : 0;
      } else {
        p = random(random);
        if (!p.isResolved()) {
          opened.add(p);
        }
      }

      assertThat(new String(writer.write(p), UTF_8)).isEqualTo(new String(codec.encode(p), UTF_8));
    }
    assertThat(shortcuts).as("outcomes of calls opened before").isGreaterThan(1000);
  }

  @Test
  void aCallThatDiffersInAnyWrittenFieldIsNotTheCallRemembered() {
    Instant at = Instant.parse("2026-12-01T10:00:00Z");
    Prediction open =
        new Prediction(
            "ibm.us",
            LocalDate.of(2017, 11, 9),
            List.of(1.0, 2.0),
            0.6,
            true,
            "v1",
            Layer.SPEED,
            at,
            null,
            null);
    assertThat(PredictionJson.sameCall(open, open.withActual(false))).isTrue();
    assertThat(
            PredictionJson.sameCall(
                open,
                new Prediction(
                    "ibm.us",
                    open.date(),
                    List.of(1.0, 2.0),
                    0.6,
                    true,
                    "v1",
                    Layer.SPEED,
                    at,
                    true,
                    true)))
        .as("equal closes in another list")
        .isTrue();
    List<Prediction> others =
        List.of(
            new Prediction(
                "msft.us",
                open.date(),
                open.closes(),
                0.6,
                true,
                "v1",
                Layer.SPEED,
                at,
                true,
                true),
            new Prediction(
                "ibm.us",
                open.date().plusDays(1),
                open.closes(),
                0.6,
                true,
                "v1",
                Layer.SPEED,
                at,
                true,
                true),
            new Prediction(
                "ibm.us",
                open.date(),
                List.of(1.0, 2.5),
                0.6,
                true,
                "v1",
                Layer.SPEED,
                at,
                true,
                true),
            new Prediction(
                "ibm.us",
                open.date(),
                open.closes(),
                0.61,
                true,
                "v1",
                Layer.SPEED,
                at,
                true,
                true),
            new Prediction(
                "ibm.us",
                open.date(),
                open.closes(),
                0.6,
                false,
                "v1",
                Layer.SPEED,
                at,
                true,
                false),
            new Prediction(
                "ibm.us", open.date(), open.closes(), 0.6, true, "v2", Layer.SPEED, at, true, true),
            new Prediction(
                "ibm.us", open.date(), open.closes(), 0.6, true, null, Layer.SPEED, at, true, true),
            new Prediction(
                "ibm.us", open.date(), open.closes(), 0.6, true, "v1", Layer.BATCH, at, true, true),
            new Prediction(
                "ibm.us",
                open.date(),
                open.closes(),
                0.6,
                true,
                "v1",
                Layer.SPEED,
                at.plusMillis(1),
                true,
                true),
            new Prediction(
                "ibm.us",
                open.date(),
                open.closes(),
                0.6,
                true,
                "v1",
                Layer.SPEED,
                null,
                true,
                true));
    for (Prediction other : others) {
      assertThat(PredictionJson.sameCall(open, other)).as(other.toString()).isFalse();
    }
    // -0.0 is written "-0.0": equal to 0.0 by ==, not by the record's equals nor in JSON
    Prediction zero =
        new Prediction(
            "ibm.us", open.date(), List.of(0.0), 0.0, false, "v1", Layer.SPEED, at, null, null);
    assertThat(
            PredictionJson.sameCall(
                zero,
                new Prediction(
                    "ibm.us",
                    open.date(),
                    List.of(0.0),
                    -0.0,
                    false,
                    "v1",
                    Layer.SPEED,
                    at,
                    true,
                    false)))
        .isFalse();
    assertThat(
            PredictionJson.sameCall(
                zero,
                new Prediction(
                    "ibm.us",
                    open.date(),
                    List.of(-0.0),
                    0.0,
                    false,
                    "v1",
                    Layer.SPEED,
                    at,
                    true,
                    false)))
        .isFalse();
  }

  @Test
  void onlyAResolvedCallIsMadeFromJson() {
    Prediction open = random(new Random(20)).withActual(true);
    Prediction call =
        new Prediction(
            "ibm.us",
            LocalDate.of(2017, 11, 10),
            List.of(1.0),
            0.5,
            true,
            "v1",
            Layer.SPEED,
            null,
            null,
            null);
    byte[] json = JsonCodec.of(Prediction.class).encode(call);

    assertThatThrownBy(() -> PredictionJson.resolved(json, call))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not resolved");
    assertThatThrownBy(() -> PredictionJson.resolved(new byte[] {'[', ']'}, open))
        .isInstanceOf(IllegalArgumentException.class);
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
