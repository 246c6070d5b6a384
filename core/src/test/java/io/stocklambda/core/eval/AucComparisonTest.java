package io.stocklambda.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AucComparisonTest {

  @Test
  void theFastMidrankFormEqualsDeLongsDefinitionPairByPair() {
    Random random = new Random(17);
    int rows = 400;
    double[] a = new double[rows];
    double[] b = new double[rows];
    int[] labels = new int[rows];
    for (int i = 0; i < rows; i++) {
      labels[i] = random.nextDouble() < 0.45 ? 1 : 0;
      // scores on a coarse grid, so that ties occur, and correlated between the two models
      double signal = labels[i] * 0.3 + random.nextGaussian();
      a[i] = Math.round(4 * (signal + 0.5 * random.nextGaussian())) / 4.0;
      b[i] = Math.round(4 * (signal + 0.5 * random.nextGaussian() - 0.1 * labels[i])) / 4.0;
    }

    AucComparison fast = AucComparison.delong(a, b, labels);
    double[] expected = byDefinition(a, b, labels);

    assertThat(fast.aucA()).isCloseTo(BinaryMetrics.auc(a, labels), within(1e-12));
    assertThat(fast.aucB()).isCloseTo(BinaryMetrics.auc(b, labels), within(1e-12));
    assertThat(fast.difference()).isCloseTo(expected[0], within(1e-12));
    assertThat(fast.standardError()).isCloseTo(expected[1], within(1e-12));
    assertThat(fast.z()).isCloseTo(expected[0] / expected[1], within(1e-9));
    assertThat(fast.positives() + fast.negatives()).isEqualTo(rows);
  }

  @Test
  void aClearlyBetterModelPassesAndANoisyCopyDoesNot() {
    Random random = new Random(5);
    int rows = 5000;
    double[] good = new double[rows];
    double[] weak = new double[rows];
    double[] weakToo = new double[rows];
    int[] labels = new int[rows];
    for (int i = 0; i < rows; i++) {
      labels[i] = random.nextBoolean() ? 1 : 0;
      double noise = random.nextGaussian();
      good[i] = labels[i] + noise;
      weak[i] = 0.2 * labels[i] + noise + random.nextGaussian();
      weakToo[i] = 0.2 * labels[i] + noise + random.nextGaussian();
    }
    assertThat(
            AucComparison.delong(good, weak, labels)
                .firstIsBetter(AucComparison.Z_ONE_SIDED_5_PERCENT))
        .isTrue();
    AucComparison twins = AucComparison.delong(weakToo, weak, labels);
    assertThat(Math.abs(twins.z())).isLessThan(3);
    assertThat(AucComparison.delong(weak, good, labels).firstIsBetter(0)).isFalse();
  }

  @Test
  void identicalScoresDifferByNothing() {
    double[] s = {0.1, 0.4, 0.35, 0.8, 0.5};
    int[] labels = {0, 0, 1, 1, 1};
    AucComparison same = AucComparison.delong(s, s.clone(), labels);
    assertThat(same.difference()).isZero();
    assertThat(same.standardError()).isZero();
    assertThat(same.z()).isZero();
    assertThat(same.firstIsBetter(AucComparison.Z_ONE_SIDED_5_PERCENT)).isFalse();
  }

  @Test
  void tooFewRowsOfAClassAreRefused() {
    assertThatThrownBy(
            () ->
                AucComparison.delong(
                    new double[] {1, 2, 3}, new double[] {1, 2, 3}, new int[] {1, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least two rows of each class");
    assertThatThrownBy(
            () -> AucComparison.delong(new double[] {1, 2}, new double[] {1}, new int[] {1, 0}))
        .hasMessageContaining("differ in length");
  }

  @Test
  void midranksAverageTies() {
    assertThat(AucComparison.midranks(new double[] {3, 1, 3, 2})).containsExactly(3.5, 1, 3.5, 2);
  }

  /**
   * DeLong et al.'s structural components straight from the definition, O(m n): {difference,
   * standard error}.
   */
  private static double[] byDefinition(double[] a, double[] b, int[] labels) {
    java.util.List<Integer> pos = new java.util.ArrayList<>();
    java.util.List<Integer> neg = new java.util.ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      (labels[i] == 1 ? pos : neg).add(i);
    }
    int m = pos.size();
    int n = neg.size();
    double[][] v10 = new double[2][m];
    double[][] v01 = new double[2][n];
    double[][] scores = {a, b};
    for (int r = 0; r < 2; r++) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double psi = psi(scores[r][pos.get(i)], scores[r][neg.get(j)]);
          v10[r][i] += psi / n;
          v01[r][j] += psi / m;
        }
      }
    }
    double auc0 = mean(v10[0]);
    double auc1 = mean(v10[1]);
    double s10 = cov(v10[0], v10[0]) + cov(v10[1], v10[1]) - 2 * cov(v10[0], v10[1]);
    double s01 = cov(v01[0], v01[0]) + cov(v01[1], v01[1]) - 2 * cov(v01[0], v01[1]);
    return new double[] {auc0 - auc1, Math.sqrt(s10 / m + s01 / n)};
  }

  private static double psi(double x, double y) {
    return x > y ? 1 : x == y ? 0.5 : 0;
  }

  private static double mean(double[] v) {
    return java.util.Arrays.stream(v).average().orElseThrow();
  }

  private static double cov(double[] x, double[] y) {
    double mx = mean(x);
    double my = mean(y);
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += (x[i] - mx) * (y[i] - my);
    }
    return s / (x.length - 1);
  }
}
