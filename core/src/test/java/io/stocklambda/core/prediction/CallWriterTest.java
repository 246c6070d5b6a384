package io.stocklambda.core.prediction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.StreamWriteFeature;
import io.stocklambda.core.json.Json;
import io.stocklambda.core.json.JsonCodec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CallWriterTest {

  private static final JsonCodec<Prediction> CODEC = JsonCodec.of(Prediction.class);

  @Test
  void writesTheCodecsBytesWhetherTheDateAndInstantRepeatOrChange() {
    Random random = new Random(42);
    CallWriter writer = new CallWriter();
    LocalDate date = LocalDate.of(1970, 1, 1);
    Instant at = Instant.parse("2026-12-03T12:00:00Z");
    for (int i = 0; i < 20_000; i++) {
      // runs of one date and one instant, as a trading day's ticks and a batch's clock give
      if (random.nextInt(50) == 0) {
        date = date.plusDays(1 + random.nextInt(3));
      }
      if (random.nextInt(20) == 0) {
        at = nextInstant(random, at);
      }
      Prediction call = call(random, date, random.nextInt(30) == 0 ? null : at);
      Prediction written = random.nextBoolean() ? call : call.withActual(random.nextBoolean());

      assertThat(new String(writer.write(written), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo(CODEC.encodeToString(written));
    }
  }

  @Test
  void doublesAreWrittenByTheMappersFastWriter() {
    // the generator comes from the mapper's factory, which carries the mapper's stream features
    assertThat(Json.mapper().getFactory().isEnabled(StreamWriteFeature.USE_FAST_DOUBLE_WRITER))
        .isTrue();
    Prediction call =
        new Prediction(
            "ibm.us",
            LocalDate.of(2017, 11, 10),
            List.of(2.0e23, 1.0e-5, 9.999999999999999e22, Double.MIN_VALUE, 0.1 + 0.2),
            4.9e-324,
            false,
            null,
            Layer.SPEED,
            null,
            null,
            null);
    assertThat(new CallWriter().write(call)).isEqualTo(CODEC.encode(call));
  }

  private static Instant nextInstant(Random random, Instant at) {
    Instant next = at.plusMillis(1 + random.nextInt(100));
    return switch (random.nextInt(4)) {
      case 0 -> next.plusNanos(random.nextInt(1_000) * 1_000L); // micros
      case 1 -> next.plusNanos(1 + random.nextInt(999)); // nanos
      default -> next; // millis, or a whole second
    };
  }

  private static Prediction call(Random random, LocalDate date, Instant scoredAt) {
    List<Double> closes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      closes.add(
          random.nextInt(10) == 0
              ? Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL)
              : Math.round(random.nextDouble() * 10000) / 100.0);
    }
    double p = random.nextDouble();
    return new Prediction(
        "s" + random.nextInt(5) + ".us",
        date,
        closes,
        p,
        p >= 0.5,
        random.nextInt(10) == 0 ? null : "v" + random.nextInt(100),
        random.nextBoolean() ? Layer.SPEED : Layer.BATCH,
        scoredAt,
        null,
        null);
  }
}
