package io.stocklambda.batch.spark;

import static org.apache.spark.sql.functions.col;

import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.hdfs.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Optional;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * After the evaluation: the deployed refit of the chosen configuration on every labeled window, the
 * promotion decision on the promotion slice, and the version written to the registry (both
 * artifacts, the deployed Spark model, the evaluation and its report), promoted if decided.
 */
final class Deployment {

  private final SparkSession spark;
  private final TrainingConfig config;
  private final Fits fits;
  private final Steps steps;
  private final ModelRegistry store;

  private ModelArtifact evaluated;
  private ModelArtifact deployed;
  private MLWritable sparkModel;
  private Evaluation.PromotionCheck check;
  private Evaluation.DeployedFit fit;
  private boolean promote;

  Deployment(SparkSession spark, TrainingConfig config, Fits fits, Steps steps) {
    this.spark = spark;
    this.config = config;
    this.fits = fits;
    this.steps = steps;
    this.store = new ModelRegistry(SparkSessions.fileSystem(spark, config.hdfs()), config.layout());
  }

  /**
   * @param sample the run's sample, with its {@code deployedSet} and {@code promotionSet} flags
   * @param best the configuration chosen on validation
   * @param census where the labeled windows end: the horizon counts back from the last one, and the
   *     refit's labels all precede the day after the newest label
   * @param evaluated the evaluated fit's artifact
   */
  Deployment deploy(
      Dataset<Row> sample,
      Candidate best,
      TrainingSample.Census census,
      Periods periods,
      ModelArtifact evaluated) {
    this.evaluated = evaluated;
    LocalDate lastLabeled = census.lastLabeled();
    Dataset<Row> rows = Fits.since(sample.filter(col("deployedSet")), lastLabeled, best.years());
    boolean trees = best.family().equals(TestScores.GBT);
    Dataset<Row> scored;
    LogisticRegressionModel lr = null;
    GBTClassificationModel gbt = null;
    Dataset<Row> promotion = sample.filter(col("promotionSet"));
    if (trees) {
      gbt =
          steps.time(
              "deployed fit, " + best.family(),
              () ->
                  fits.gbt()
                      .setProbabilityCol("p_dep")
                      .setRawPredictionCol("r_dep")
                      .setPredictionCol("y_dep")
                      .fit(rows));
      scored = gbt.transform(promotion);
      sparkModel = gbt;
    } else {
      lr =
          steps.time(
              "deployed fit, " + best.family(),
              () ->
                  fits.lr()
                      .setProbabilityCol("p_dep")
                      .setRawPredictionCol("r_dep")
                      .setPredictionCol("y_dep")
                      .fit(rows));
      scored = lr.transform(promotion);
      sparkModel = lr;
    }
    long deployedRows = rows.count();
    LocalDate labelsBefore = census.newestLabel().plusDays(1);
    deployed = ModelExport.artifact(config, lr, gbt, rows, deployedRows, labelsBefore);

    Optional<String> serving = store.current();
    ModelArtifact servingEvaluated = serving.map(store::loadEvaluated).orElse(null);
    String note =
        servingEvaluated == null
            ? null
            : PromotionSlice.incomparable(
                servingEvaluated, config.windowSize(), periods.promotionStart());
    PromotionSlice.Outcome outcome =
        steps.time(
            "promotion slice",
            () ->
                PromotionSlice.check(
                    scored,
                    evaluated,
                    deployed,
                    serving.orElse(null),
                    note == null ? servingEvaluated : null,
                    note,
                    periods.promotionStart(),
                    lastLabeled));
    check = outcome.check();
    promote = Promotion.parse(config.promote()).promote(serving.isPresent(), check.comparison());
    fit =
        new Evaluation.DeployedFit(
            deployed.training().from(),
            deployed.training().to(),
            deployedRows,
            labelsBefore,
            outcome.deployedParity());
    return this;
  }

  Evaluation.PromotionCheck check() {
    return check;
  }

  boolean promote() {
    return promote;
  }

  Evaluation.DeployedFit fit() {
    return fit;
  }

  /** Writes the version, then makes it CURRENT if so decided. */
  void write(Evaluation evaluation) {
    store.write(
        ModelExport.withMetrics(deployed, evaluation),
        ModelExport.withMetrics(evaluated, evaluation),
        Evaluation.JSON.encode(evaluation),
        Report.html(evaluation));
    try {
      sparkModel
          .write()
          .overwrite()
          .save(
              SparkSessions.qualify(
                  config.hdfs(), config.layout().model(config.version()) + "/spark"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the Spark model", e);
    }
    if (promote) {
      store.promote(config.version());
    }
  }
}
