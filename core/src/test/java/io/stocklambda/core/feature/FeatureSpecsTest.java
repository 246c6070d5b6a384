package io.stocklambda.core.feature;

import static io.stocklambda.core.testing.Ticks.bar;
import static io.stocklambda.core.testing.Ticks.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stocklambda.core.window.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSpecsTest {

  @Test
  void thesisRawIsTheClosesOldestFirst() {
    FeatureSpec spec = FeatureSpecs.of("thesis-raw", 5);
    Window window = Window.of(series("x.us", "2001-01-01", 10, 11, 12, 13, 14));

    assertThat(spec.features(window)).containsExactly(10, 11, 12, 13, 14);
    assertThat(spec.featureNames())
        .containsExactly("close_1", "close_2", "close_3", "close_4", "close_5");
  }

  @Test
  void returnsAreComputedExactly() {
    FeatureSpec spec = FeatureSpecs.of("returns", 3);
    Window window =
        Window.of(
            List.of(
                bar("x.us", "2001-01-01", 10, 11, 9, 10, 100),
                bar("x.us", "2001-01-02", 10, 12, 10, 11, 300),
                bar("x.us", "2001-01-03", 11, 13, 11, 12.1, 200)));

    double[] x = spec.features(window);

    double r0 = Math.log(12.1 / 11);
    double r1 = Math.log(11.0 / 10);
    assertThat(spec.featureNames())
        .containsExactly(
            "logret_0",
            "logret_1",
            "trend",
            "volatility",
            "range_last",
            "range_mean",
            "body_last",
            "close_location",
            "volume_ratio");
    assertThat(x[0]).isCloseTo(r0, within(1e-15));
    assertThat(x[1]).isCloseTo(r1, within(1e-15));
    assertThat(x[2]).isCloseTo(Math.log(12.1 / 10), within(1e-15));
    assertThat(x[3]).isCloseTo(Math.sqrt((r0 * r0 + r1 * r1) / 2), within(1e-15));
    assertThat(x[4]).isCloseTo(Math.log(13.0 / 11), within(1e-15));
    assertThat(x[5])
        .isCloseTo(
            (Math.log(11.0 / 9) + Math.log(12.0 / 10) + Math.log(13.0 / 11)) / 3, within(1e-15));
    assertThat(x[6]).isCloseTo(Math.log(12.1 / 11), within(1e-15));
    assertThat(x[7]).isCloseTo((12.1 - 9) / (13 - 9), within(1e-15));
    assertThat(x[8]).isCloseTo(Math.log(201.0 / 201.0), within(1e-15));
  }

  @Test
  void liquidityAddsTradedValueAndItsInteractionWithTheLastMove() {
    FeatureSpec spec = FeatureSpecs.of("returns-liquidity", 3);
    Window window =
        Window.of(
            List.of(
                bar("x.us", "2001-01-01", 10, 11, 9, 10, 100),
                bar("x.us", "2001-01-02", 10, 12, 10, 11, 300),
                bar("x.us", "2001-01-03", 11, 13, 11, 12.1, 200)));

    double[] x = spec.features(window);

    double[] returns = FeatureSpecs.of("returns", 3).features(window);
    assertThat(java.util.Arrays.copyOf(x, returns.length)).containsExactly(returns);
    assertThat(spec.featureNames().subList(returns.length, x.length))
        .containsExactly("log_dollar_volume", "logret_0_x_log_dollar_volume");
    double r0 = Math.log(12.1 / 11);
    assertThat(x).hasSize(11);
    assertThat(x[9]).isCloseTo(Math.log(1 + 12.1 * 200), within(1e-12));
    assertThat(x[10]).isCloseTo(r0 * Math.log(1 + 12.1 * 200), within(1e-12));
    assertThat(FeatureSpecs.of(FeatureSpecs.MODEL, 5).name()).isEqualTo("returns-liquidity");
  }

  @Test
  void returnsStayFiniteOnFlatWindowsAndUnknownPrices() {
    FeatureSpec spec = FeatureSpecs.of("returns", 5);
    Window flat = Window.of(series("x.us", "2001-01-01", 0.0021, 0.0021, 0.0021, 0.0021, 0.0021));
    Window unknown =
        Window.of(
            List.of(
                bar("x.us", "2001-01-01", 0, 0, 0, 5, 0),
                bar("x.us", "2001-01-02", 0, 0, 0, 5.1, 0),
                bar("x.us", "2001-01-03", 0, 0, 0, 5.2, 0),
                bar("x.us", "2001-01-04", 0, 0, 0, 5.0, 0),
                bar("x.us", "2001-01-05", 0, 0, 0, 4.9, 0)));

    double[] flatFeatures = spec.features(flat);
    double[] unknownFeatures = spec.features(unknown);

    assertThat(java.util.Arrays.stream(flatFeatures)).allSatisfy(v -> assertThat(v).isFinite());
    assertThat(flatFeatures[spec.featureNames().indexOf("close_location")]).isEqualTo(0.5);
    assertThat(java.util.Arrays.stream(unknownFeatures)).allSatisfy(v -> assertThat(v).isFinite());
    assertThat(unknownFeatures[spec.featureNames().indexOf("body_last")]).isZero();
  }

  @Test
  void refusesAWindowThatIsNotFullOrOfAnotherSize() {
    FeatureSpec spec = FeatureSpecs.of("returns", 5);
    Window four = Window.of(series("x.us", "2001-01-01", 1, 2, 3, 4));
    assertThatThrownBy(() -> spec.features(four))
        .hasMessageContaining("needs a full window of 5 ticks");
  }

  @Test
  void resolvingAReferenceChecksVersionAndFeatures() {
    FeatureSpecRef ref = FeatureSpecs.of("returns", 5).ref();
    assertThat(FeatureSpecs.resolve(ref).featureNames()).isEqualTo(ref.features());

    assertThatThrownBy(
            () -> FeatureSpecs.resolve(new FeatureSpecRef("returns", 2, 5, ref.features())))
        .hasMessageContaining("v2 is not supported");
    assertThatThrownBy(
            () -> FeatureSpecs.resolve(new FeatureSpecRef("returns", 1, 5, List.of("a"))))
        .hasMessageContaining("model expects features [a]");
    assertThatThrownBy(() -> FeatureSpecs.of("astrology", 5))
        .hasMessageContaining("unknown feature spec 'astrology'");
  }
}
