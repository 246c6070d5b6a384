package io.stocklambda.serving.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stocklambda.core.json.Json;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionDocumentTest {

  private static final JsonCodec<Prediction> CODEC = JsonCodec.of(Prediction.class);

  @Test
  void aDocumentIsThePredictionsOwnJsonWithTheDashboardFieldsBeforeItsBrace() throws Exception {
    Prediction open = call(null);
    Prediction resolved = call(false); // called up, went down

    String openJson = new String(CODEC.encode(open), StandardCharsets.UTF_8);
    assertThat(new String(PredictionDocument.of(open, null), StandardCharsets.UTF_8))
        .isEqualTo(
            openJson.substring(0, openJson.length() - 1)
                + ",\"close\":12.5,\"confidence\":0.19999999999999996,\"resolved\":false"
                + ",\"sample\":\"live\"}");
    JsonNode doc = Json.mapper().readTree(PredictionDocument.of(resolved, null));
    assertThat(doc.path("resolved").asBoolean()).isTrue();
    assertThat(doc.path("hit").asInt()).isZero();
    assertThat(doc.path("correct").asBoolean(true)).isFalse();
    assertThat(PredictionDocument.toPrediction(doc.toString())).isEqualTo(resolved);
  }

  @Test
  void documentsWrittenOneAfterTheOtherIntoABodyEachStandOnTheirOwn() throws Exception {
    BulkBody body = new BulkBody(16);
    for (Prediction p : List.of(call(null), call(true))) {
      body.write('\n');
      PredictionDocument.writeTo(body, p, null);
    }
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    body.entity().writeTo(sent);
    String[] lines = sent.toString(StandardCharsets.UTF_8).substring(1).split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0].getBytes(StandardCharsets.UTF_8))
        .isEqualTo(PredictionDocument.of(call(null), null));
    assertThat(lines[1].getBytes(StandardCharsets.UTF_8))
        .isEqualTo(PredictionDocument.of(call(true), null));
  }

  @Test
  void aBodyTakesBackOnlyTheByteItWasToldOf() {
    BulkBody body = new BulkBody(4);
    assertThatThrownBy(() -> body.dropLast((byte) '}'))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("0 bytes");
    body.writeAscii("{}");
    assertThatThrownBy(() -> body.dropLast((byte) ']')).isInstanceOf(IllegalStateException.class);
    body.dropLast((byte) '}');
    assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo("{");
  }

  private static Prediction call(Boolean actualUp) {
    return new Prediction(
        "ibm.us",
        LocalDate.of(2017, 11, 9),
        List.of(12.0, 12.5),
        0.6,
        true,
        "v1",
        Layer.SPEED,
        Instant.parse("2026-11-26T10:00:00.123Z"),
        actualUp,
        actualUp == null ? null : actualUp);
  }
}
