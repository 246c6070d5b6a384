package io.stocklambda.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.feature.FeatureBins;
import io.stocklambda.core.feature.FeatureSpec;
import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.feature.ReturnsFeatures;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.testing.Models;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelArtifactJsonTest {

  private static final JsonCodec<ModelArtifact> CODEC = JsonCodec.of(ModelArtifact.class);
  private final FeatureSpec spec = FeatureSpecs.of(ReturnsFeatures.NAME, 5);

  @Test
  void anArtifactWithoutBinsHasNoFieldForThemAndStillScores() {
    ModelArtifact old = Models.logistic("v1", spec, 0.1, coefficients());

    String json = CODEC.encodeToString(old);

    assertThat(json).doesNotContain("featureBins");
    ModelArtifact read = CODEC.decode(json);
    assertThat(read).isEqualTo(old);
    assertThat(read.featureBins()).isNull();
    assertThat(ModelScorer.of(read).probabilityUp(new double[coefficients().length]))
        .isEqualTo(1.0 / (1.0 + Math.exp(-0.1)));
  }

  @Test
  void binsSurviveTheRoundTripAndAreChecked() {
    double[][] rows = new double[500][spec.featureNames().size()];
    Random random = new Random(5);
    for (double[] row : rows) {
      for (int f = 0; f < row.length; f++) {
        row[f] = random.nextGaussian();
      }
    }
    ModelArtifact withBins =
        Models.logistic("v2", spec, 0.1, coefficients())
            .withFeatureBins(FeatureBins.fit(spec.featureNames(), rows));

    ModelArtifact read = CODEC.decode(CODEC.encode(withBins));

    assertThat(read).isEqualTo(withBins);
    assertThat(read.featureBins().features()).isEqualTo(spec.featureNames());
    assertThat(read.problems()).isEmpty();
    FeatureBins ofOtherFeatures =
        FeatureBins.fit(java.util.List.of("x"), new double[][] {{1}, {2}});
    assertThat(withBins.withFeatureBins(ofOtherFeatures).problems())
        .contains("feature bins are of [x], the model's features are " + spec.featureNames());
  }

  private double[] coefficients() {
    return new double[spec.featureNames().size()];
  }
}
