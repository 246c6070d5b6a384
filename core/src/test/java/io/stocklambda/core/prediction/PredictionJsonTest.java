package io.stocklambda.core.prediction;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.json.MalformedRecordException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One record a tick: the new call carrying the previous call it resolved. */
class PredictionJsonTest {

  private static final JsonCodec<Prediction> CODEC = JsonCodec.of(Prediction.class);

  @Test
  void aTicksRecordGivesBackBothCallsAndReadsAsItsNewCallToAReaderThatKnowsOneCall() {
    Random random = new Random(23);
    PredictionJson writer = new PredictionJson();
    Prediction open = null;
    LocalDate day = LocalDate.of(1990, 1, 2);
    for (int i = 0; i < 5_000; i++) {
      day = day.plusDays(1 + random.nextInt(3));
      Prediction resolved = open == null ? null : open.withActual(random.nextBoolean());
      Prediction opened = random.nextInt(10) == 0 ? null : call(random, "ibm.us", day);

      byte[] record = writer.write(resolved, opened);

      if (resolved == null && opened == null) {
        assertThat(record).isNull();
      } else {
        List<Prediction> expected = new ArrayList<>();
        if (resolved != null) {
          expected.add(resolved);
        }
        if (opened != null) {
          expected.add(opened);
        }
        assertThat(PredictionJson.read(record)).containsExactlyElementsOf(expected);
        assertThat(CODEC.decode(record)).isEqualTo(opened != null ? opened : resolved);
        assertThat(record).isEqualTo(PredictionJson.encode(resolved, opened));
      }
      open = opened;
    }
  }

  @Test
  void aRecordOfOneCallIsTheCodecsJsonOfIt() {
    Prediction open = call(new Random(1), "ibm.us", LocalDate.of(2017, 11, 10));
    Prediction resolved = open.withActual(true);

    assertThat(new String(new PredictionJson().write(null, open), UTF_8))
        .isEqualTo(CODEC.encodeToString(open));
    assertThat(new String(PredictionJson.encode(resolved, null), UTF_8))
        .isEqualTo(CODEC.encodeToString(resolved));
    assertThat(PredictionJson.read(CODEC.encode(resolved))).containsExactly(resolved);
  }

  @Test
  void theCarriedCallIsTheLastFieldOfTheNewCallsJson() {
    Prediction before = call(new Random(2), "ibm.us", LocalDate.of(2017, 11, 9)).withActual(false);
    Prediction after = call(new Random(3), "ibm.us", LocalDate.of(2017, 11, 10));

    String record = new String(PredictionJson.encode(before, after), UTF_8);

    String call = CODEC.encodeToString(after);
    assertThat(record)
        .isEqualTo(
            call.substring(0, call.length() - 1)
                + ",\"resolved\":"
                + CODEC.encodeToString(before)
                + "}");
  }

  @Test
  void aCarriedCallThatIsOpenOfAnotherStockOrNotEarlierIsMalformed() {
    LocalDate day = LocalDate.of(2017, 11, 10);
    Prediction call = call(new Random(4), "ibm.us", day);
    List<Prediction> wrong =
        List.of(
            call(new Random(5), "ibm.us", day.minusDays(1)),
            call(new Random(6), "ge.us", day.minusDays(1)).withActual(true),
            call(new Random(7), "ibm.us", day).withActual(true),
            call(new Random(8), "ibm.us", day.plusDays(1)).withActual(true));
    for (Prediction carried : wrong) {
      String json = CODEC.encodeToString(call);
      byte[] record =
          (json.substring(0, json.length() - 1)
                  + ",\"resolved\":"
                  + CODEC.encodeToString(carried)
                  + "}")
              .getBytes(UTF_8);

      assertThatThrownBy(() -> PredictionJson.read(record))
          .as(carried.toString())
          .isInstanceOf(MalformedRecordException.class)
          .hasMessageContaining("not a resolved earlier call")
          .hasMessageContaining(carried.stock() + " " + carried.date());
    }
    byte[] garbage =
        "{\"stock\":\"ibm.us\",\"date\":\"2017-11-10\",\"layer\":\"speed\",\"probabilityUp\":0.5,\"resolved\":{\"stock\":1}}"
            .getBytes(UTF_8);
    assertThatThrownBy(() -> PredictionJson.read(garbage))
        .isInstanceOf(MalformedRecordException.class);
  }

  @Test
  void theWriterRefusesCallsThatCannotShareARecord() {
    LocalDate day = LocalDate.of(2017, 11, 10);
    Prediction open = call(new Random(9), "ibm.us", day);
    Prediction resolved = call(new Random(10), "ibm.us", day.minusDays(1)).withActual(true);
    Prediction other = call(new Random(11), "ge.us", day.minusDays(1)).withActual(true);
    PredictionJson writer = new PredictionJson();

    assertThatThrownBy(() -> writer.write(open, open))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not resolved");
    assertThatThrownBy(() -> writer.write(resolved, resolved))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is resolved");
    assertThatThrownBy(() -> PredictionJson.encode(other, open))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("carried by a call of ibm.us");
  }

  private static Prediction call(Random random, String stock, LocalDate date) {
    List<Double> closes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      closes.add(Math.round(random.nextDouble() * 10000) / 100.0);
    }
    double p = random.nextDouble();
    return new Prediction(
        stock,
        date,
        closes,
        p,
        p >= 0.5,
        "v" + random.nextInt(100),
        Layer.SPEED,
        Instant.ofEpochMilli(1_500_000_000_000L + random.nextInt(1_000_000_000)),
        null,
        null);
  }
}
