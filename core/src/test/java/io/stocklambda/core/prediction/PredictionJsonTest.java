package io.stocklambda.core.prediction;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.json.MalformedRecordException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One record a tick: the new call carrying the previous call it resolved. */
class PredictionJsonTest {

  private static final JsonCodec<Prediction> CODEC = JsonCodec.of(Prediction.class);

  @Test
  void aTicksRecordGivesBackBothCallsAndReadsAsItsNewCallToAReaderThatKnowsOneCall() {
    Random random = new Random(23);
    PredictionJson writer = new PredictionJson();
    Map<String, Prediction> open = new HashMap<>();
    Map<String, LocalDate> day = new HashMap<>();
    for (int i = 0; i < 5_000; i++) {
      String stock = random.nextBoolean() ? "ibm.us" : "brk-b.us"; // interleaved, as in a task
      LocalDate date =
          day.merge(
              stock, LocalDate.of(1990, 1, 2), (d, first) -> d.plusDays(1 + random.nextInt(3)));
      Prediction previous = open.get(stock);
      Prediction resolved = previous == null ? null : previous.withActual(random.nextBoolean());
      Prediction opened = random.nextInt(10) == 0 ? null : call(random, stock, date);

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
      if (opened == null) {
        open.remove(stock);
      } else {
        open.put(stock, opened);
      }
    }
  }

  @Test
  void theCarriedCallIsFoundWhereverItsFieldStandsAndANullOneIsNoCall() {
    Prediction before = call(new Random(12), "ibm.us", LocalDate.of(2017, 11, 9)).withActual(true);
    Prediction after = call(new Random(13), "ibm.us", LocalDate.of(2017, 11, 10));
    String call = CODEC.encodeToString(after);

    byte[] first =
        ("{ \"resolved\" : " + CODEC.encodeToString(before) + " , " + call.substring(1))
            .getBytes(UTF_8);
    byte[] none = (call.substring(0, call.length() - 1) + ",\"resolved\":null}").getBytes(UTF_8);

    assertThat(PredictionJson.read(first)).containsExactly(before, after);
    assertThat(PredictionJson.read(none)).containsExactly(after);
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
  void aCarriedCallThatIsOpenOfAnotherStockOrNotEarlierIsMalformedWithItsReason() {
    LocalDate day = LocalDate.of(2017, 11, 10);
    Prediction call = call(new Random(4), "ibm.us", day);
    Map<Prediction, String> wrong =
        Map.of(
            call(new Random(5), "ibm.us", day.minusDays(1)), "is not resolved",
            call(new Random(6), "ge.us", day.minusDays(1)).withActual(true), "another stock",
            call(new Random(7), "ibm.us", day).withActual(true), "not older",
            call(new Random(8), "ibm.us", day.plusDays(1)).withActual(true), "not older");
    wrong.forEach(
        (carried, reason) ->
            assertThatThrownBy(() -> PredictionJson.read(carrying(call, carried)))
                .as(carried.toString())
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining(reason)
                .hasMessageContaining(carried.stock() + " " + carried.date()));
    Prediction earlier = call(new Random(14), "ibm.us", day.minusDays(1)).withActual(true);
    assertThatThrownBy(() -> PredictionJson.read(carrying(call.withActual(true), earlier)))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("rides on a resolved call ibm.us 2017-11-10");
  }

  @Test
  void aCarriedFieldThatIsNotAPredictionIsMalformedWhileTheRecordsOwnCallIsFine() {
    String call = CODEC.encodeToString(call(new Random(15), "ibm.us", LocalDate.of(2017, 11, 10)));
    byte[] record =
        (call.substring(0, call.length() - 1) + ",\"resolved\":{\"stock\":\"ibm.us\"}}")
            .getBytes(UTF_8);

    assertThatThrownBy(() -> PredictionJson.read(record))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageStartingWith("the call carried in resolved: invalid Prediction")
        .hasMessageNotContaining("Carried");
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
        .hasMessageContaining("another stock than ibm.us");
    assertThatThrownBy(() -> writer.write(open.withActual(true), open))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not older");
  }

  /** {@code call}'s JSON with {@code carried} as its {@code resolved} field, unchecked. */
  private static byte[] carrying(Prediction call, Prediction carried) {
    String json = CODEC.encodeToString(call);
    return (json.substring(0, json.length() - 1)
            + ",\"resolved\":"
            + CODEC.encodeToString(carried)
            + "}")
        .getBytes(UTF_8);
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
