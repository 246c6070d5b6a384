package io.stocklambda.batch.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.dataset.TrainingLine;
import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.model.Algorithm;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelScorer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Core's one scorer on the exported artifact gives Spark's own probability, for every window. */
class ModelParityTest {

  private static SparkSession spark;
  private static Dataset<Row> rows;

  @BeforeAll
  static void session() {
    spark = SparkSessions.create("parity", "local[2]");
    List<String> lines = SyntheticTrainingSet.lines(12, 400, 5L, 5);
    rows =
        TrainingData.rows(spark.createDataset(lines, Encoders.STRING()), FeatureSpecs.MODEL, 5)
            .filter(col("label").isNotNull())
            .cache();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void logisticRegressionAgreesToTheLastBits() {
    LogisticRegressionModel lr =
        new LogisticRegression()
            .setFeaturesCol("features")
            .setLabelCol("label")
            .setRegParam(1e-3)
            .fit(rows);
    ModelArtifact artifact =
        artifact(Algorithm.LOGISTIC_REGRESSION, ModelExport.logistic(lr), null);

    double delta = maxDelta(lr.transform(rows), artifact);

    assertThat(delta).isLessThan(1e-9);
  }

  @Test
  void gradientBoostedTreesAgreeToTheLastBits() {
    GBTClassificationModel gbt =
        new GBTClassifier()
            .setFeaturesCol("features")
            .setLabelCol("label")
            .setMaxIter(15)
            .setMaxDepth(4)
            .setSeed(1)
            .fit(rows);
    ModelArtifact artifact =
        artifact(Algorithm.GRADIENT_BOOSTED_TREES, null, ModelExport.trees(gbt));

    double delta = maxDelta(gbt.transform(rows), artifact);

    assertThat(artifact.trees().trees()).hasSize(15);
    assertThat(delta).isLessThan(1e-9);
  }

  /** Largest |P(up)| difference over every window; also checks that the models are not trivial. */
  private static double maxDelta(Dataset<Row> scored, ModelArtifact artifact) {
    ModelScorer scorer = ModelScorer.of(artifact);
    List<Row> collected = scored.select(col("line"), col("probability")).collectAsList();
    double delta = 0;
    double min = 1;
    double max = 0;
    for (Row r : collected) {
      double spark = ((Vector) r.get(1)).apply(1);
      double core = scorer.probabilityUp(TrainingLine.parse(r.getString(0)).window());
      delta = Math.max(delta, Math.abs(spark - core));
      min = Math.min(min, spark);
      max = Math.max(max, spark);
    }
    assertThat(collected).hasSizeGreaterThan(3000);
    assertThat(max - min).as("probabilities vary").isGreaterThan(0.01);
    return delta;
  }

  private static ModelArtifact artifact(
      Algorithm algorithm,
      io.stocklambda.core.model.LogisticRegression lr,
      io.stocklambda.core.model.TreeEnsemble trees) {
    return new ModelArtifact(
            ModelArtifact.FORMAT,
            ModelArtifact.DEFAULT_NAME,
            "parity",
            algorithm,
            FeatureSpecs.of(FeatureSpecs.MODEL, 5).ref(),
            lr,
            trees,
            0.5,
            null,
            Map.of(),
            Instant.now(),
            null)
        .validate();
  }
}
