package io.stocklambda.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

  @Test
  void aucCountsEveryPositiveNegativePairAndTiesHalf() {
    double[] scores = {0.1, 0.4, 0.35, 0.8, 0.4};
    int[] labels = {0, 0, 1, 1, 1};
    // pairs (pos, neg): (0.35,0.1)=1 (0.35,0.4)=0 (0.8,0.1)=1 (0.8,0.4)=1 (0.4,0.1)=1 (0.4,0.4)=0.5
    // -> 4.5 / 6
    assertThat(BinaryMetrics.auc(scores, labels)).isEqualTo(4.5 / 6);
  }

  @Test
  void aucAgreesWithBruteForceOnRandomData() {
    Random random = new Random(3);
    int n = 500;
    double[] scores = new double[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      scores[i] = Math.round(random.nextGaussian() * 10) / 10.0; // many ties
      labels[i] = random.nextDouble() < 0.5 + scores[i] / 10 ? 1 : 0;
    }
    double pairs = 0;
    double wins = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (labels[i] == 1 && labels[j] == 0) {
          pairs++;
          wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
        }
      }
    }
    assertThat(BinaryMetrics.auc(scores, labels)).isCloseTo(wins / pairs, within(1e-12));
  }

  @Test
  void constantScoresAreChance() {
    BinaryMetrics m = BinaryMetrics.of(new double[] {1, 1, 1, 1}, new int[] {1, 0, 1, 1}, 0.5);
    assertThat(m.auc()).isEqualTo(0.5);
    assertThat(m.accuracy()).isEqualTo(0.75);
    assertThat(m.balancedAccuracy()).isEqualTo(0.5);
    assertThat(m.upShare()).isEqualTo(0.75);
  }

  @Test
  void perfectScoresAreOne() {
    BinaryMetrics m =
        BinaryMetrics.of(new double[] {0.9, 0.1, 0.7, 0.2}, new int[] {1, 0, 1, 0}, 0.5);
    assertThat(m.auc()).isEqualTo(1.0);
    assertThat(m.accuracy()).isEqualTo(1.0);
    assertThat(m.balancedAccuracy()).isEqualTo(1.0);
  }

  @Test
  void theRocCurveGoesFromCornerToCorner() {
    List<double[]> roc =
        BinaryMetrics.roc(new double[] {0.9, 0.1, 0.7, 0.2}, new int[] {1, 0, 0, 1});
    assertThat(roc.get(0)).containsExactly(0, 0);
    assertThat(roc.get(roc.size() - 1)).containsExactly(1, 1);
    assertThat(roc).hasSize(5);
  }

  @Test
  void calibrationBinsAverageWhatFallsInThem() {
    List<BinaryMetrics.CalibrationBin> bins =
        BinaryMetrics.calibration(new double[] {0.05, 0.08, 0.55, 1.0}, new int[] {0, 1, 1, 1}, 10);
    assertThat(bins).hasSize(3);
    assertThat(bins.get(0).count()).isEqualTo(2);
    assertThat(bins.get(0).meanPredicted()).isCloseTo(0.065, within(1e-12));
    assertThat(bins.get(0).observedUpShare()).isEqualTo(0.5);
    assertThat(bins.get(2).from()).isEqualTo(0.9);
  }

  @Test
  void theAucsStandardErrorIsHanleyAndMcNeils() {
    // at A = 0.5, Q1 = 1/3 and Q2 = 1/3, so Q1 - A^2 = Q2 - A^2 = 1/12
    double m = 18_000;
    double n = 18_000;
    double expected = Math.sqrt((0.25 + (m - 1) / 12 + (n - 1) / 12) / (m * n));
    org.assertj.core.api.Assertions.assertThat(BinaryMetrics.aucStandardError(0.5, 18_000, 18_000))
        .isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-15))
        .isCloseTo(0.00304, org.assertj.core.api.Assertions.within(1e-5));
    // off 0.5, Q1 belongs to the positives and Q2 to the negatives: the classes are not
    // interchangeable (by hand: A = 0.8, Q1 = 0.8 / 1.2, Q2 = 1.28 / 1.8)
    double a = 0.8;
    double q1 = a / (2 - a);
    double q2 = 2 * a * a / (1 + a);
    double byHand =
        Math.sqrt((a * (1 - a) + 49 * (q1 - a * a) + 199 * (q2 - a * a)) / (50.0 * 200));
    org.assertj.core.api.Assertions.assertThat(BinaryMetrics.aucStandardError(0.8, 50, 200))
        .isCloseTo(byHand, org.assertj.core.api.Assertions.within(1e-15))
        .isCloseTo(0.0395, org.assertj.core.api.Assertions.within(1e-4))
        .isNotCloseTo(
            BinaryMetrics.aucStandardError(0.8, 200, 50),
            org.assertj.core.api.Assertions.within(1e-3));
    // a better model's AUC is known more precisely with the same rows
    org.assertj.core.api.Assertions.assertThat(BinaryMetrics.aucStandardError(0.9, 100, 100))
        .isLessThan(BinaryMetrics.aucStandardError(0.5, 100, 100));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> BinaryMetrics.aucStandardError(0.5, 0, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
