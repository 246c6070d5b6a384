package io.stocklambda.core.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FeatureBinsTest {

  @Test
  void decilesOfOneToAHundredCutAtEachTenthAndAValueOnAnEdgeGoesLeft() {
    FeatureBins bins = FeatureBins.fit(List.of("x"), column(IntStream.rangeClosed(1, 100)));

    assertThat(bins.edges().get(0))
        .containsExactly(10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0);
    assertThat(bins.shares(0)).containsOnly(0.1);
    assertThat(bins.bin(0, -5)).isZero();
    assertThat(bins.bin(0, 10)).isZero();
    assertThat(bins.bin(0, 10.5)).isEqualTo(1);
    assertThat(bins.bin(0, 90)).isEqualTo(8);
    assertThat(bins.bin(0, 1e9)).isEqualTo(9);
    assertThat(bins.problems(List.of("x"))).isEmpty();
  }

  @Test
  void tiedValuesCollapseDecilesIntoOneEdge() {
    // 80 zeros then 1..20: the first eight deciles are all 0, the ninth is 10
    double[][] rows = new double[100][];
    for (int i = 0; i < 100; i++) {
      rows[i] = new double[] {i < 80 ? 0 : i - 79, 7};
    }
    rows[3][0] = -0.0; // the same value as 0.0

    FeatureBins bins = FeatureBins.fit(List.of("x", "constant"), rows);

    assertThat(bins.edges()).containsExactly(List.of(0.0, 10.0), List.of(7.0));
    assertThat(bins.shares(0)).containsExactly(0.8, 0.1, 0.1);
    assertThat(bins.shares(1)).containsExactly(1.0, 0.0);
    assertThat(bins.bins(1)).isEqualTo(2);
    assertThat(bins.problems(List.of("x", "constant"))).isEmpty();
  }

  @Test
  void theRowsOrderDoesNotMatter() {
    Random random = new Random(7);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      rows.add(new double[] {Math.round(random.nextGaussian() * 20) / 20.0, random.nextDouble()});
    }
    FeatureBins before = FeatureBins.fit(List.of("a", "b"), rows.toArray(double[][]::new));
    Collections.shuffle(rows, new Random(8));

    assertThat(FeatureBins.fit(List.of("a", "b"), rows.toArray(double[][]::new))).isEqualTo(before);
  }

  @Test
  void badBinsAndBadRowsAreNamed() {
    FeatureBins bins =
        new FeatureBins(List.of("x"), List.of(List.of(2.0, 1.0)), List.of(List.of(0.5, 0.25, 0.5)));

    assertThat(bins.problems(List.of("y")))
        .containsExactly(
            "feature bins are of [x], the model's features are [y]",
            "feature bins of x: edges must be finite and increasing",
            "feature bins of x: shares sum to 1.25, not 1");
    assertThatThrownBy(() -> FeatureBins.fit(List.of("x"), new double[][] {{1}, {Double.NaN}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1: feature x is NaN");
    assertThatThrownBy(() -> FeatureBins.fit(List.of("x"), new double[0][]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static double[][] column(IntStream values) {
    return values.mapToObj(v -> new double[] {v}).toArray(double[][]::new);
  }
}
