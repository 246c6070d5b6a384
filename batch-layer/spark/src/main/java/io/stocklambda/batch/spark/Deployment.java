package io.stocklambda.batch.spark;

import static org.apache.spark.sql.functions.col;

import io.stocklambda.core.dataset.DatasetSnapshot;
import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.BuildInfo;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelLineage;
import io.stocklambda.core.model.RegistryEvent;
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
 * After the evaluation: the deployed refit of the chosen configuration on every labeled window
 * (with its features' training bins, for the live population stability), the promotion decision on
 * the promotion slice, and the version written to the registry (both artifacts, the deployed Spark
 * model, the evaluation and its report), promoted if decided.
 */
final class Deployment {

  private static final JsonCodec<DatasetSnapshot> SNAPSHOTS = JsonCodec.of(DatasetSnapshot.class);

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
    ModelArtifact fitted = ModelExport.artifact(config, lr, gbt, rows, deployedRows, labelsBefore);
    // what the speed layer compares live windows with (population stability)
    deployed =
        fitted.withFeatureBins(
            steps.time(
                "feature bins",
                () ->
                    TrainingBins.of(
                        rows, deployedRows, fitted.featureSpec().features(), config.seed())));

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

  /** Writes the version with its lineage, then makes it CURRENT if so decided. */
  void write(Evaluation evaluation) {
    store.write(
        ModelExport.withMetrics(deployed, evaluation),
        ModelExport.withMetrics(evaluated, evaluation),
        lineage(),
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
      store.promote(config.version(), RegistryEvent.Action.PROMOTED, reason());
    }
  }

  /** Why this training run made its model CURRENT, for the registry's history. */
  private String reason() {
    if (check.serving() == null) {
      return "batch train: no model served";
    }
    if (!config.promote().equals("auto") || check.comparison() == null) {
      return "batch train --promote " + config.promote();
    }
    return String.format(
        java.util.Locale.ROOT,
        "batch train: AUC %.4f against %s's %.4f on the promotion slice %s..%s, DeLong z %.2f",
        check.auc(),
        check.serving(),
        check.servingAuc(),
        check.from(),
        check.to(),
        check.comparison().z());
  }

  private ModelLineage lineage() {
    String set = config.layout().training(config.trainingRun());
    org.apache.hadoop.fs.FileSystem fs = SparkSessions.fileSystem(spark, config.hdfs());
    DatasetSnapshot snapshot = null;
    try {
      org.apache.hadoop.fs.Path file =
          new org.apache.hadoop.fs.Path(set + "/" + MasterLayout.SNAPSHOT);
      if (fs.exists(file)) {
        try (java.io.InputStream in = fs.open(file)) {
          snapshot = SNAPSHOTS.decode(in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the training set's snapshot under " + set, e);
    }
    return new ModelLineage(
        config.version(),
        config.trainingRun(),
        SparkSessions.qualify(config.hdfs(), set),
        snapshot,
        BuildInfo.codeVersion(),
        config.parameters(),
        ModelRegistry.user(),
        java.time.Instant.now());
  }
}
