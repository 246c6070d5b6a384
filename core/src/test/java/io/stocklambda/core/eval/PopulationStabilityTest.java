package io.stocklambda.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stocklambda.core.feature.FeatureBins;
import io.stocklambda.core.json.JsonCodec;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PopulationStabilityTest {

  @Test
  void psiIsTheSumOfShareDifferencesTimesTheirLogRatio() {
    // live shares 0.4, 0.4, 0.2 against training 0.5, 0.3, 0.2
    double expected =
        (0.4 - 0.5) * Math.log(0.4 / 0.5)
            + (0.4 - 0.3) * Math.log(0.4 / 0.3)
            + (0.2 - 0.2) * Math.log(0.2 / 0.2);

    double psi = PopulationStability.psi(new double[] {0.5, 0.3, 0.2}, new long[] {40, 40, 20});

    assertThat(psi).isCloseTo(expected, within(1e-15)).isCloseTo(0.0510826, within(1e-7));
  }

  @Test
  void identicalDistributionsGiveZero() {
    assertThat(PopulationStability.psi(new double[] {0.25, 0.75}, new long[] {1, 3})).isZero();
  }

  @Test
  void anEmptyBinCountsAsEpsilonOnBothSides() {
    // empty in training and live: adds nothing
    assertThat(PopulationStability.psi(new double[] {0.5, 0.5, 0}, new long[] {5, 5, 0})).isZero();
    // empty in training, a tenth live: (0.1 - 1e-4) * ln(0.1 / 1e-4), finite
    double psi = PopulationStability.psi(new double[] {0.5, 0.5, 0}, new long[] {45, 45, 10});
    double expected = 2 * (0.45 - 0.5) * Math.log(0.45 / 0.5) + (0.1 - 1e-4) * Math.log(0.1 / 1e-4);
    assertThat(psi).isCloseTo(expected, within(1e-15));
  }

  @Test
  void noLiveValueGivesNaNAndMismatchedBinsAreRefused() {
    assertThat(PopulationStability.psi(new double[] {1}, new long[] {0})).isNaN();
    assertThatThrownBy(() -> PopulationStability.psi(new double[] {1}, new long[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 training shares for 2 live counts");
  }

  @Test
  void aShiftedFeatureExceedsTheThresholdAndASecondSampleOfTheSameDoesNot() {
    FeatureBins bins = FeatureBins.fit(List.of("x", "y"), gaussian(new Random(1), 20_000, 0));
    FeatureDrift same = new FeatureDrift("v1", bins, Instant.EPOCH);
    FeatureDrift shifted = new FeatureDrift("v1", bins, Instant.EPOCH);

    for (double[] row : gaussian(new Random(2), 5_000, 0)) {
      same.add(row);
    }
    for (double[] row : gaussian(new Random(3), 5_000, 1)) {
      shifted.add(new double[] {row[0], row[1] - 1}); // only x moves, by one standard deviation
    }

    assertThat(same.windows()).isEqualTo(5_000);
    assertThat(same.psi()[0]).isLessThan(0.01);
    assertThat(same.psi()[1]).isLessThan(0.01);
    assertThat(shifted.psi()[0]).isGreaterThan(PopulationStability.DEGRADED_ABOVE);
    assertThat(shifted.psi()[1]).isLessThan(0.01);
  }

  @Test
  void snapshotsOfTwoTasksAddUpAndSurviveJson() {
    FeatureBins bins = FeatureBins.fit(List.of("x"), new double[][] {{1}, {2}, {3}, {4}});
    FeatureDrift a = new FeatureDrift("v1", bins, Instant.parse("2026-12-01T10:00:00Z"));
    FeatureDrift b = new FeatureDrift("v1", bins, Instant.parse("2026-12-01T09:00:00Z"));
    a.add(new double[] {1});
    a.add(new double[] {4});
    b.add(new double[] {4});
    JsonCodec<DriftSnapshot> codec = JsonCodec.of(DriftSnapshot.class);
    DriftSnapshot first = a.snapshot(Instant.parse("2026-12-01T11:00:00Z"));

    DriftSnapshot sum =
        codec.decode(codec.encode(first)).merge(b.snapshot(Instant.parse("2026-12-01T11:00:30Z")));

    assertThat(codec.decode(codec.encode(first))).isEqualTo(first);
    assertThat(sum.windows()).isEqualTo(3);
    assertThat(sum.liveCounts()).containsExactly(List.of(1L, 0L, 0L, 2L, 0L));
    assertThat(sum.since()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
    assertThat(sum.at()).isEqualTo(Instant.parse("2026-12-01T11:00:30Z"));
    // edges 1, 2, 3, 4: a quarter in each bin, none above 4; live 1/3, 0, 0, 2/3, 0; empty bins
    // count as 1e-4
    double e = 0.25;
    double expected =
        (1 / 3.0 - e) * Math.log(1 / 3.0 / e)
            + 2 * (1e-4 - e) * Math.log(1e-4 / e)
            + (2 / 3.0 - e) * Math.log(2 / 3.0 / e);
    assertThat(sum.psi().get("x")).isCloseTo(expected, within(1e-12));
    assertThatThrownBy(
            () -> first.merge(new FeatureDrift("v2", bins, Instant.EPOCH).snapshot(Instant.EPOCH)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("v2");
  }

  private static double[][] gaussian(Random random, int n, double mean) {
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = new double[] {mean + random.nextGaussian(), mean + random.nextGaussian()};
    }
    return rows;
  }
}
