package io.stocklambda.batch.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model search, the promotion rule and the test figures, in plain Java: no Spark. */
class ModelSearchTest {

  @Test
  void candidatesAreNamedByFamilyAndYearsAndTheBestIsChosenOnValidation() {
    Map<Candidate, Double> auc = new LinkedHashMap<>();
    auc.put(new Candidate(TestScores.LR, 10), 0.511);
    auc.put(new Candidate(TestScores.GBT, 10), 0.519);
    auc.put(new Candidate(TestScores.LR, 0), 0.514);
    auc.put(new Candidate(TestScores.GBT, 0), 0.517);

    assertThat(new Candidate(TestScores.LR, 10).name()).isEqualTo("lr@10y");
    assertThat(new Candidate(TestScores.GBT, 0).name()).isEqualTo("gbt@all");
    assertThat(Candidate.best(auc)).isEqualTo(new Candidate(TestScores.GBT, 10));
    assertThat(Candidate.bestOf(TestScores.LR, auc)).isEqualTo(new Candidate(TestScores.LR, 0));
    assertThat(Candidate.best(auc).otherFamily()).isEqualTo(TestScores.LR);
    assertThatThrownBy(() -> new Candidate("svm", 1)).hasMessageContaining("not a model family");
    assertThatThrownBy(() -> Candidate.best(Map.of())).hasMessageContaining("no candidate");
  }

  @Test
  void aDrawOnValidationGoesToTheSimplerFamily() {
    Map<Candidate, Double> auc = new LinkedHashMap<>();
    auc.put(new Candidate(TestScores.LR, 10), 0.5295);
    auc.put(new Candidate(TestScores.GBT, 20), 0.5296);
    auc.put(new Candidate(TestScores.LR, 20), 0.5248);

    assertThat(Candidate.chosen(auc, 0.003))
        .as("trees ahead by 0.0001, a thirtieth of a standard error")
        .isEqualTo(new Candidate(TestScores.LR, 10));
    assertThat(Candidate.chosen(auc, 0.00005))
        .as("with a tiny standard error the best stands")
        .isEqualTo(new Candidate(TestScores.GBT, 20));
    auc.put(new Candidate(TestScores.GBT, 10), 0.5400);
    assertThat(Candidate.chosen(auc, 0.003))
        .as("trees ahead by three standard errors")
        .isEqualTo(new Candidate(TestScores.GBT, 10));
  }

  @Test
  void promotionReplacesTheServingModelOnlyWhenDeLongsTestSaysItIsBetter() {
    io.stocklambda.core.eval.AucComparison clearlyBetter =
        new io.stocklambda.core.eval.AucComparison(3000, 3000, 0.54, 0.52, 0.02, 0.006, 3.33);
    io.stocklambda.core.eval.AucComparison withinNoise =
        new io.stocklambda.core.eval.AucComparison(3000, 3000, 0.525, 0.52, 0.005, 0.006, 0.83);
    io.stocklambda.core.eval.AucComparison worse =
        new io.stocklambda.core.eval.AucComparison(3000, 3000, 0.50, 0.52, -0.02, 0.006, -3.33);
    assertThat(Promotion.parse("auto").promote(false, null)).as("none serves").isTrue();
    assertThat(Promotion.AUTO.promote(true, clearlyBetter)).isTrue();
    assertThat(Promotion.AUTO.promote(true, withinNoise))
        .as("higher, but within the noise: the serving model stays")
        .isFalse();
    assertThat(Promotion.AUTO.promote(true, worse)).isFalse();
    assertThat(Promotion.AUTO.promote(true, null)).as("not comparable: kept").isFalse();
    assertThat(Promotion.ALWAYS.promote(true, worse)).isTrue();
    assertThat(Promotion.NEVER.promote(false, null)).isFalse();
    assertThatThrownBy(() -> Promotion.parse("sometimes"))
        .hasMessageContaining("--promote must be auto, always or never");
  }

  @Test
  void everyModelAndBaselineIsJudgedOnTheSameRowsOverallByYearAndByPriceBand() {
    // four rows: two years, two price bands; the LR scores rank the ups first, reversal gets them
    // all wrong
    TestScores scores =
        new TestScores(
            List.of(
                row(1, 2015, 3.0, -0.01, 0.9),
                row(0, 2015, 3.0, 0.02, 0.2),
                row(1, 2016, 150.0, -0.03, 0.8),
                row(0, 2016, 150.0, 0.01, 0.1)));

    List<Evaluation.MetricRow> metrics = scores.metrics();

    assertThat(metrics)
        .filteredOn(r -> r.slice().equals("all"))
        .extracting(Evaluation.MetricRow::model)
        .containsExactlyElementsOf(TestScores.MODELS);
    Evaluation.MetricRow lr =
        metrics.stream()
            .filter(r -> r.model().equals(TestScores.LR) && r.slice().equals("all"))
            .findFirst()
            .orElseThrow();
    assertThat(lr.auc()).isEqualTo(1.0);
    assertThat(lr.accuracy()).isEqualTo(1.0);
    assertThat(lr.n()).isEqualTo(4);
    Evaluation.MetricRow momentum =
        metrics.stream()
            .filter(r -> r.model().equals(TestScores.MOMENTUM) && r.slice().equals("all"))
            .findFirst()
            .orElseThrow();
    assertThat(momentum.auc())
        .as("momentum calls up after a rise: here always wrong")
        .isEqualTo(0.0);
    assertThat(metrics)
        .filteredOn(r -> r.model().equals(TestScores.LR))
        .extracting(Evaluation.MetricRow::slice)
        .contains("year 2015", "year 2016", "price 1 to 5", "price 100 and over");
    assertThat(metrics)
        .filteredOn(r -> r.model().equals(TestScores.LR) && r.slice().equals("year 2016"))
        .singleElement()
        .extracting(Evaluation.MetricRow::n)
        .isEqualTo(2L);
    assertThat(scores.parityMaxDelta()).isEqualTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
  }

  private static TestScores.TestRow row(
      int label, int year, double close, double lastReturn, double pLr) {
    return TestScores.TestRow.of(
        new double[] {label, year, close, lastReturn, pLr, 0.5, 0.5, pLr + 0.05, pLr});
  }
}
