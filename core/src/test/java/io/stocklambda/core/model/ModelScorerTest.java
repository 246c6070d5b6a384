package io.stocklambda.core.model;

import static io.stocklambda.core.testing.Ticks.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.core.feature.FeatureSpec;
import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.testing.Models;
import io.stocklambda.core.window.Window;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelScorerTest {

  private final FeatureSpec raw = FeatureSpecs.of("thesis-raw", 5);
  private final Window window = Window.of(series("x.us", "2001-01-01", 10, 11, 12, 13, 14));

  @Test
  void scoresTheLogisticOfTheMargin() {
    ModelScorer scorer =
        ModelScorer.of(Models.logistic("v1", raw, 0.1, 0.01, -0.02, 0.03, -0.04, 0.05));

    double margin = 0.1 + 0.01 * 10 - 0.02 * 11 + 0.03 * 12 - 0.04 * 13 + 0.05 * 14;
    assertThat(scorer.probabilityUp(window)).isEqualTo(1.0 / (1.0 + Math.exp(-margin)));
  }

  @Test
  void aPredictionCarriesWindowModelAndLayer() {
    ModelScorer scorer = ModelScorer.of(Models.logistic("v7", raw, 0.0, 0.01, 0, 0, 0, 0));
    Instant now = Instant.parse("2026-11-26T16:00:00Z");

    Prediction p = scorer.score(window, Layer.SPEED, now);

    assertThat(p.stock()).isEqualTo("x.us");
    assertThat(p.date()).isEqualTo(LocalDate.of(2001, 1, 5));
    assertThat(p.closes()).containsExactly(10.0, 11.0, 12.0, 13.0, 14.0);
    assertThat(p.probabilityUp()).isEqualTo(1.0 / (1.0 + Math.exp(-0.1)));
    assertThat(p.up()).isTrue();
    assertThat(p.modelVersion()).isEqualTo("v7");
    assertThat(p.layer()).isEqualTo(Layer.SPEED);
    assertThat(p.isResolved()).isFalse();
  }

  @Test
  void theThresholdIsStrict() {
    ModelScorer scorer = ModelScorer.of(Models.logistic("v1", raw, 0, 0, 0, 0, 0, 0));
    assertThat(scorer.probabilityUp(window)).isEqualTo(0.5);
    assertThat(scorer.isUp(0.5)).isFalse();
    assertThat(scorer.isUp(0.5000001)).isTrue();
  }

  @Test
  void extremeMarginsGiveZeroOrOneNotNaN() {
    ModelScorer scorer = ModelScorer.of(Models.logistic("v1", raw, 0, 1e6, 0, 0, 0, 0));
    assertThat(scorer.probabilityUp(window)).isEqualTo(1.0);
    ModelScorer negative = ModelScorer.of(Models.logistic("v1", raw, 0, -1e6, 0, 0, 0, 0));
    assertThat(negative.probabilityUp(window)).isEqualTo(0.0);
  }

  @Test
  void anInvalidArtifactIsRefusedWithEveryReason() {
    ModelArtifact good = Models.logistic("v1", raw, 0.1, 1, 2, 3, 4, 5);
    ModelArtifact bad =
        new ModelArtifact(
            "other/9",
            good.name(),
            " ",
            good.algorithm(),
            good.featureSpec(),
            new LogisticRegression(Double.NaN, List.of(1.0, Double.POSITIVE_INFINITY)),
            null,
            1.0,
            null,
            null,
            null,
            null);

    assertThatThrownBy(() -> ModelScorer.of(bad))
        .isInstanceOf(InvalidModelException.class)
        .satisfies(
            e ->
                assertThat(((InvalidModelException) e).problems())
                    .containsExactly(
                        "format is 'other/9', expected 'stocklambda-model/1'",
                        "missing version",
                        "threshold must lie strictly between 0 and 1, was 1.0",
                        "intercept is not finite",
                        "2 coefficients for 5 features",
                        "coefficient 1 is not finite"));
  }

  @Test
  void aModelForUnknownFeaturesIsRefused() {
    ModelArtifact good = Models.logistic("v1", raw, 0.1, 1, 2, 3, 4, 5);
    ModelArtifact future =
        new ModelArtifact(
            good.format(),
            good.name(),
            good.version(),
            good.algorithm(),
            new io.stocklambda.core.feature.FeatureSpecRef("returns", 9, 5, List.of()),
            good.logisticRegression(),
            null,
            0.5,
            null,
            null,
            null,
            null);

    assertThat(future.problems())
        .singleElement()
        .asString()
        .contains("returns v9 is not supported");
  }

  @Test
  void treesScoreTheLogisticOfTwiceTheWeightedLeafSum() {
    // tree 1: close_5 <= 13.5 ? 0.2 : -0.1     tree 2: close_1 <= 9 ? 0.05 : (close_2 <= 12 ? 0.3 :
    // -0.4)
    TreeEnsemble trees =
        new TreeEnsemble(
            List.of(
                new TreeEnsemble.DecisionTree(
                    List.of(
                        new TreeEnsemble.Node(4, 13.5, 1, 2, 0),
                        TreeEnsemble.Node.leaf(0.2),
                        TreeEnsemble.Node.leaf(-0.1))),
                new TreeEnsemble.DecisionTree(
                    List.of(
                        new TreeEnsemble.Node(0, 9, 1, 2, 0),
                        TreeEnsemble.Node.leaf(0.05),
                        new TreeEnsemble.Node(1, 12, 3, 4, 0),
                        TreeEnsemble.Node.leaf(0.3),
                        TreeEnsemble.Node.leaf(-0.4)))),
            List.of(1.0, 0.1));
    ModelScorer scorer = ModelScorer.of(Models.trees("t1", raw, trees));

    // closes 10..14: close_5 = 14 > 13.5 -> -0.1; close_1 = 10 > 9, close_2 = 11 <= 12 -> 0.3
    double margin = 1.0 * -0.1 + 0.1 * 0.3;
    assertThat(scorer.probabilityUp(window)).isEqualTo(1.0 / (1.0 + Math.exp(-2.0 * margin)));
  }

  @Test
  void malformedTreesAreRefused() {
    TreeEnsemble trees =
        new TreeEnsemble(
            List.of(new TreeEnsemble.DecisionTree(List.of(new TreeEnsemble.Node(7, 1, 1, 5, 0)))),
            List.of());
    assertThat(Models.trees("t1", raw, trees).problems())
        .containsExactly(
            "0 tree weights for 1 trees",
            "tree 0 node 0: split on feature 7 to 1/5 is not valid for 5 features and 1 nodes");
    assertThat(Models.trees("t1", raw, null).problems())
        .containsExactly("gradient-boosted-trees model without its trees");
  }

  // issue 14, case 1: valid ticks whose window has no finite features are refused, never scored as
  // NaN
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "4.9E-324, 10", // the smallest positive double, then a normal close: ln(10 / 4.9E-324)
    // overflows
    "10, 4.9E-324",
    "1e300, 1e-300", // an overflow of the ratio
    "1e-300, 1e300",
    "1.7976931348623157E308, 1e-20",
    "2.2250738585072014E-308, 1000"
  })
  void aWindowWhoseFeaturesAreNotFiniteIsRefusedWithItsStockAndDate(double before, double last) {
    ModelScorer scorer =
        ModelScorer.of(
            Models.logistic(
                "v1", FeatureSpecs.of("returns", 5), 0.1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
    Window w = Window.of(series("tiny.us", "2017-01-02", 10, 10, 10, before, last));

    assertThatThrownBy(() -> scorer.score(w, Layer.SPEED, Instant.EPOCH))
        .isInstanceOf(io.stocklambda.core.window.UnscorableWindowException.class)
        .hasMessageContaining("tiny.us")
        .hasMessageContaining("2017-01-06")
        .hasMessageContaining("Infinity");
  }

  @Test
  void closesNearTheLimitsThatKeepFiniteFeaturesAreScored() {
    ModelScorer scorer =
        ModelScorer.of(
            Models.logistic(
                "v1", FeatureSpecs.of("returns", 5), 0.1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
    double p =
        scorer.probabilityUp(
            Window.of(series("tiny.us", "2017-01-02", 1e-300, 1e-300, 2e-300, 1e-300, 3e-300)));
    assertThat(p).isBetween(0.0, 1.0);
  }

  @Test
  void aModelWhoseMarginIsNotANumberRefusesTheWindow() {
    // finite coefficients whose terms overflow to +Infinity and -Infinity: the margin is NaN
    ModelScorer scorer =
        ModelScorer.of(
            Models.logistic("huge", raw, 0, Double.MAX_VALUE, -Double.MAX_VALUE, 0, 0, 0));
    assertThatThrownBy(() -> scorer.probabilityUp(window))
        .isInstanceOf(io.stocklambda.core.window.UnscorableWindowException.class)
        .hasMessageContaining("model huge gives a probability of NaN");
  }

  @Test
  void aTreeWeightThatIsNotFiniteFailsValidation() {
    for (double bad :
        new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      TreeEnsemble trees =
          new TreeEnsemble(
              List.of(
                  new TreeEnsemble.DecisionTree(
                      List.of(
                          new TreeEnsemble.Node(4, 13.5, 1, 2, 0),
                          TreeEnsemble.Node.leaf(0.2),
                          TreeEnsemble.Node.leaf(-0.1)))),
              List.of(bad));
      assertThatThrownBy(() -> ModelScorer.of(Models.trees("nan-weight", raw, trees)))
          .isInstanceOf(InvalidModelException.class)
          .hasMessageContaining("tree 0's weight is not finite");
    }
  }
}
