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
        assertThat(PredictionJson.readResolved(record)).isEqualTo(resolved);
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
    assertThat(PredictionJson.readResolved(first)).isEqualTo(before);
    assertThat(PredictionJson.readResolved(none)).isNull();
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
        (carried, reason) -> {
          assertThatThrownBy(() -> PredictionJson.read(carrying(call, carried)))
              .as(carried.toString())
              .isInstanceOf(MalformedRecordException.class)
              .hasMessageContaining(reason)
              .hasMessageContaining(carried.stock() + " " + carried.date());
          assertThat(refusal(() -> PredictionJson.readResolved(carrying(call, carried))))
              .isEqualTo(refusal(() -> PredictionJson.read(carrying(call, carried))));
        });
    Prediction earlier = call(new Random(14), "ibm.us", day.minusDays(1)).withActual(true);
    assertThatThrownBy(() -> PredictionJson.read(carrying(call.withActual(true), earlier)))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("rides on a resolved call ibm.us 2017-11-10");
    assertThat(refusal(() -> PredictionJson.readResolved(carrying(call.withActual(true), earlier))))
        .isEqualTo(refusal(() -> PredictionJson.read(carrying(call.withActual(true), earlier))));
  }

  @Test
  void readingOnlyTheResolvedCallRefusesWhatReadRefusesSaveFaultsInTheSkippedFields() {
    LocalDate day = LocalDate.of(2017, 11, 10);
    Prediction before = call(new Random(16), "ibm.us", day.minusDays(1)).withActual(true);
    String call = CODEC.encodeToString(call(new Random(17), "ibm.us", day));
    String carried = ",\"resolved\":" + CODEC.encodeToString(before) + "}";
    String own = call.substring(0, call.length() - 1);
    List<String> refusedByBoth =
        List.of(
            "[1,2]",
            "\"ibm.us\"",
            "{}",
            "{\"stock\":\"ibm.us\",\"date\":\"2017-11-10\",\"close\":101.5}",
            own.replaceFirst("\"probabilityUp\":[0-9.E-]+", "\"probabilityUp\":7") + "}",
            own.replace("\"date\":\"2017-11-10\"", "\"date\":\"2017-13-10\"") + carried,
            own.replace("\"stock\":\"ibm.us\"", "\"stock\":\"ge.us\"") + carried,
            own.replace("\"stock\":\"ibm.us\",", "") + carried,
            own + ",\"actualUp\":true,\"correct\":false" + carried,
            CODEC
                .encodeToString(before)
                .replaceFirst("\"correct\":(true|false)", "\"correct\":\"x\""),
            own + ",\"resolved\":{\"stock\":\"ibm.us\"}}");
    for (String record : refusedByBoth) {
      byte[] bytes = record.getBytes(UTF_8);
      assertThat(refusal(() -> PredictionJson.readResolved(bytes)))
          .as(record)
          .isNotNull()
          .isEqualTo(refusal(() -> PredictionJson.read(bytes)));
    }
    // records read accepts that the writer does not write: the same resolved call, or none
    String repeated =
        own.replace("\"stock\":\"ibm.us\"", "\"stock\":\"ge.us\",\"stock\":\"ibm.us\"");
    List<String> acceptedByBoth =
        List.of(
            "{\"resolved\":" + CODEC.encodeToString(before) + "," + own.substring(1) + "}",
            own + ",\"resolved\":null}",
            own + ",\"actualUp\":null,\"correct\":null" + carried,
            repeated + carried,
            CODEC
                .encodeToString(before)
                .replaceFirst("\"actualUp\":true", "\"actualUp\":\"true\""));
    for (String record : acceptedByBoth) {
      byte[] bytes = record.getBytes(UTF_8);
      Prediction first = PredictionJson.read(bytes).get(0);
      assertThat(PredictionJson.readResolved(bytes))
          .as(record)
          .isEqualTo(first.isResolved() ? first : null);
    }
    // the record's own probability is skipped, not read: its carried call is still counted
    byte[] badProbability =
        (own.replaceFirst("\"probabilityUp\":[0-9.E-]+", "\"probabilityUp\":7") + carried)
            .getBytes(UTF_8);
    assertThat(refusal(() -> PredictionJson.read(badProbability))).contains("probabilityUp");
    assertThat(PredictionJson.readResolved(badProbability)).isEqualTo(before);
  }

  /** The message of what {@code read} throws, or null if it returns. */
  private static String refusal(Runnable read) {
    try {
      read.run();
      return null;
    } catch (MalformedRecordException e) {
      return e.getMessage();
    }
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
    assertThatThrownBy(() -> PredictionJson.readResolved(record))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageStartingWith("the call carried in resolved: invalid Prediction")
        .hasMessageNotContaining("Carri");
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
