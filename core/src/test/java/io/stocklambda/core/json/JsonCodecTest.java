package io.stocklambda.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.testing.Models;
import io.stocklambda.core.testing.Ticks;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.core.window.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonCodecTest {

  private final JsonCodec<Tick> ticks = JsonCodec.of(Tick.class);

  @Test
  void aTickIsWrittenInTheContractForm() {
    Tick tick =
        new Tick("ibm.us", LocalDate.of(2017, 11, 10), 150.65, 150.89, 149.14, 149.16, 4306433);
    assertThat(ticks.encodeToString(tick))
        .isEqualTo(
            "{\"stock\":\"ibm.us\",\"date\":\"2017-11-10\",\"open\":150.65,\"high\":150.89,\"low\":149.14,\"close\":149.16,\"volume\":4306433}");
    assertThat(ticks.decode(ticks.encode(tick))).isEqualTo(tick);
  }

  @Test
  void theThesisFormIsAccepted() {
    Tick tick =
        ticks.decode(
            "{\"stock\":\"ibm.us\",\"price\":149.16,\"date\":\"2017-11-10T00:00:00.000+01:00\"}");
    assertThat(tick).isEqualTo(Tick.ofClose("ibm.us", LocalDate.of(2017, 11, 10), 149.16));
  }

  static Stream<Arguments> poison() {
    return Stream.of(
        Arguments.of("not json", "{oops", "not JSON: "),
        Arguments.of("empty", "", "empty record"),
        Arguments.of(
            "missing close",
            "{\"stock\":\"a.us\",\"date\":\"2001-01-01\"}",
            "invalid Tick: missing close (or the thesis's price)"),
        Arguments.of(
            "missing stock",
            "{\"price\":1,\"date\":\"2001-01-01\"}",
            "invalid Tick: missing stock"),
        Arguments.of(
            "missing date", "{\"stock\":\"a.us\",\"price\":1}", "invalid Tick: missing date"),
        Arguments.of(
            "bad date",
            "{\"stock\":\"a.us\",\"price\":1,\"date\":\"x\"}",
            "invalid Tick: not a date: 'x'"),
        Arguments.of(
            "non-positive price",
            "{\"stock\":\"a.us\",\"price\":-3,\"date\":\"2001-01-01\"}",
            "invalid Tick: close must be a finite price above zero, was -3.0"),
        Arguments.of(
            "text price",
            "{\"stock\":\"a.us\",\"price\":\"abc\",\"date\":\"2001-01-01\"}",
            "invalid Tick field 'price': "),
        Arguments.of(
            "trailing garbage",
            "{\"stock\":\"a.us\",\"price\":1,\"date\":\"2001-01-01\"} x",
            "not JSON: "),
        Arguments.of("an array", "[1,2]", "invalid Tick: "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("poison")
  void aPoisonRecordGetsAShortReason(String what, String json, String reason) {
    assertThatThrownBy(() -> ticks.decode(json))
        .isInstanceOf(MalformedRecordException.class)
        .satisfies(e -> assertThat(((MalformedRecordException) e).reason()).startsWith(reason));
  }

  @Test
  void predictionsRoundTripWithAndWithoutOutcome() {
    JsonCodec<Prediction> codec = JsonCodec.of(Prediction.class);
    Prediction open =
        new Prediction(
            "ibm.us",
            LocalDate.of(2017, 11, 10),
            List.of(150.0, 149.16),
            0.53,
            true,
            "20261126-1",
            Layer.SPEED,
            Instant.parse("2026-11-26T16:11:27.123Z"),
            null,
            null);
    Prediction resolved =
        new Prediction(
            "ibm.us",
            LocalDate.of(2017, 11, 10),
            List.of(150.0, 149.16),
            0.53,
            true,
            "20261126-1",
            Layer.BATCH,
            Instant.parse("2026-11-26T16:11:27Z"),
            false,
            false);

    assertThat(codec.encodeToString(open))
        .isEqualTo(
            "{\"stock\":\"ibm.us\",\"date\":\"2017-11-10\",\"closes\":[150.0,149.16],"
                + "\"probabilityUp\":0.53,\"up\":true,\"modelVersion\":\"20261126-1\",\"layer\":\"speed\",\"scoredAt\":\"2026-11-26T16:11:27.123Z\"}");
    assertThat(codec.decode(codec.encode(open))).isEqualTo(open);
    assertThat(codec.encodeToString(resolved))
        .contains("\"layer\":\"batch\"", "\"actualUp\":false", "\"correct\":false");
    assertThat(codec.decode(codec.encode(resolved))).isEqualTo(resolved);
  }

  @Test
  void modelArtifactsRoundTrip() {
    JsonCodec<ModelArtifact> codec = JsonCodec.of(ModelArtifact.class);
    ModelArtifact artifact =
        Models.logistic(
            "20261126-1",
            FeatureSpecs.of("returns", 5),
            -0.01,
            0.5,
            -1.5,
            0.25,
            0.125,
            3,
            0.01,
            -0.02,
            0.7,
            0.0,
            1e-9,
            -2.5);

    String json = codec.encodeToString(artifact);

    assertThat(json)
        .contains(
            "\"format\":\"stocklambda-model/1\"",
            "\"algorithm\":\"logistic-regression\"",
            "\"featureSpec\":{\"name\":\"returns\",\"version\":1,\"windowSize\":5,\"features\":[\"logret_0\"");
    assertThat(codec.decode(json)).isEqualTo(artifact);
  }

  @Test
  void treeModelsRoundTrip() {
    JsonCodec<ModelArtifact> codec = JsonCodec.of(ModelArtifact.class);
    ModelArtifact artifact =
        Models.trees(
            "t1",
            FeatureSpecs.of("returns", 3),
            new io.stocklambda.core.model.TreeEnsemble(
                List.of(
                    new io.stocklambda.core.model.TreeEnsemble.DecisionTree(
                        List.of(
                            new io.stocklambda.core.model.TreeEnsemble.Node(0, 0.001, 1, 2, 0),
                            io.stocklambda.core.model.TreeEnsemble.Node.leaf(-0.25),
                            io.stocklambda.core.model.TreeEnsemble.Node.leaf(0.5)))),
                List.of(0.1)));

    assertThat(codec.decode(codec.encode(artifact))).isEqualTo(artifact);
  }

  @Test
  void windowsRoundTripForStateStores() {
    JsonCodec<Window> codec = JsonCodec.of(Window.class);
    Window partial = Window.empty("x.us", 5).push(Ticks.tick("x.us", "2001-01-02", 3)).window();
    assertThat(codec.decode(codec.encode(partial))).isEqualTo(partial);
    assertThat(codec.encodeToString(partial)).doesNotContain("full").doesNotContain("empty");
  }
}
