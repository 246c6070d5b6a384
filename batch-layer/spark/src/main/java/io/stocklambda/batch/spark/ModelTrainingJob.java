package io.stocklambda.batch.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.stocklambda.core.eval.BinaryMetrics;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.hdfs.ModelRegistry;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Retrains and evaluates, honestly. The time split ({@link Periods}) is counted on each window's
 * label row, so no label of a later period reaches a fit; the model family and horizon are chosen
 * on the validation slice; the test period is reported once, the model next to every baseline on
 * the very same rows, and never chosen on; the promotion decision is taken on the most recent
 * slice, which no evaluated fit learned from, by DeLong's paired test against the serving model
 * ({@link Promotion}); and what serves is the chosen configuration refit on every labeled window
 * (the deployed fit). Writes both artifacts, the Spark model of the deployed fit and a report.
 */
public final class ModelTrainingJob {

  private static final String LR = TestScores.LR;
  private static final String GBT = TestScores.GBT;

  private final SparkSession spark;
  private final TrainingConfig config;
  private final PrintStream out;
  private final Fits fits;

  public ModelTrainingJob(SparkSession spark, TrainingConfig config, PrintStream out) {
    this.spark = spark;
    this.config = config;
    this.out = out;
    this.fits = new Fits(config);
  }

  public Evaluation run() {
    long started = System.nanoTime();
    Steps steps = new Steps(out);
    String path =
        SparkSessions.qualify(config.hdfs(), config.layout().training(config.trainingRun()));
    String work =
        SparkSessions.qualify(config.hdfs(), config.layout().model(config.version()) + "/_work");
    Periods split =
        new Periods(config.cutoff().minusYears(config.validationYears()), config.cutoff(), null);
    Dataset<String> lines = spark.read().textFile(path);
    TrainingSample.Census census = steps.time("census", () -> TrainingSample.census(lines, split));
    requireRows(census);
    Periods periods =
        split.withPromotionStart(
            Periods.promotionStart(
                config.cutoff(), census.lastLabeled(), config.promotionMonths()));
    TrainingSample.Fractions fractions =
        TrainingSample.Fractions.of(census, config.maxTrainRows(), config.maxEvalRows());
    out.printf(
        "training set %s: %,d windows (%,d labeled) from %s to %s; train %,d (labels before %s), "
            + "validation %,d (from %s), test from %s, promotion slice from %s (%,d together)%n",
        config.trainingRun(),
        census.windows(),
        census.labeled(),
        census.first(),
        census.last(),
        census.train(),
        config.cutoff(),
        census.validation(),
        periods.validationStart(),
        config.cutoff(),
        periods.promotionStart(),
        census.afterCutoff());
    out.printf(
        "  learning from at most %,d windows (%,d per candidate of the search) and judging on at most %,d (seeded samples: "
            + "train %.1f%%, search %.1f%%, validation %.1f%%, test and promotion %.1f%%, deployed fit %.1f%%)%n",
        config.maxTrainRows(),
        config.maxTrainRows() / 4,
        config.maxEvalRows(),
        100 * fractions.train(),
        100 * fractions.fit(),
        100 * fractions.validation(),
        100 * fractions.test(),
        100 * fractions.deployed());
    LongAccumulator refused = spark.sparkContext().longAccumulator("windows refused");
    Dataset<Row> sample =
        steps.time(
            "sample and features",
            () ->
                TrainingSample.draw(
                    spark,
                    lines,
                    periods,
                    census,
                    fractions,
                    config.features(),
                    config.windowSize(),
                    config.seed(),
                    work,
                    refused));
    if (refused.value() > 0) {
      out.printf(
          "  %,d drawn window(s) left out: a feature is not finite (see the log for examples)%n",
          refused.value());
    }
    try {
      return train(sample, census, fractions, periods, steps, started, refused.value());
    } finally {
      SparkSessions.deleteQuietly(spark, work, out);
    }
  }

  private Evaluation train(
      Dataset<Row> sample,
      TrainingSample.Census census,
      TrainingSample.Fractions fractions,
      Periods periods,
      Steps steps,
      long started,
      long refused) {
    LocalDate cutoff = periods.cutoff();
    Dataset<Row> train = sample.filter(col("trainSet"));
    Dataset<Row> test = sample.filter(col("testSet"));
    long testRows = test.count();

    // choose the family and the years to learn from on the validation slice, never on the test
    // period; a near-draw goes to the simpler family (the one-standard-error rule)
    Dataset<Row> validation = sample.filter(col("validationSet"));
    Map<Candidate, Double> validationAuc =
        fits.search(
            sample.filter(col("fitSet")),
            validation,
            periods.validationStart(),
            census.firstFit(),
            config.trainYears(),
            steps);
    Row classes = validation.agg(sum("label"), count(lit(1))).first();
    long ups = (long) classes.getDouble(0);
    double validationSe =
        BinaryMetrics.aucStandardError(
            validationAuc.get(Candidate.best(validationAuc)), ups, classes.getLong(1) - ups);
    Candidate best = Candidate.chosen(validationAuc, validationSe);
    String selected = best.family();
    int otherYears = Candidate.bestOf(best.otherFamily(), validationAuc).years();
    Map<String, Double> validationByName = new LinkedHashMap<>();
    validationAuc.forEach((c, auc) -> validationByName.put(c.name(), auc));
    out.printf(
        "validation AUC (%s to %s): %s; best %s, standard error %.4f; selected %s (one-standard-error rule)%n",
        periods.validationStart(),
        cutoff,
        validationByName,
        Candidate.best(validationAuc).name(),
        validationSe,
        best.name());

    Dataset<Row> lrTrain =
        Fits.since(train, cutoff, selected.equals(LR) ? best.years() : otherYears);
    Dataset<Row> gbtTrain =
        Fits.since(train, cutoff, selected.equals(GBT) ? best.years() : otherYears);
    LogisticRegressionModel lrModel =
        steps.time(
            "final fit, " + LR,
            () ->
                fits.lr()
                    .setProbabilityCol("p_lr")
                    .setRawPredictionCol("r_lr")
                    .setPredictionCol("y_lr")
                    .fit(lrTrain));
    GBTClassificationModel gbtModel =
        steps.time(
            "final fit, " + GBT,
            () ->
                fits.gbt()
                    .setProbabilityCol("p_gbt")
                    .setRawPredictionCol("r_gbt")
                    .setPredictionCol("y_gbt")
                    .fit(gbtTrain));
    Dataset<Row> selectedTrain = selected.equals(GBT) ? gbtTrain : lrTrain;
    long trainRows = selectedTrain.count();
    String thesisStock = census.thesisStock();
    LogisticRegressionModel thesisModel =
        steps.time(
            "thesis replica",
            () -> fits.thesisReplica(sample.filter(col("thesisSet")), thesisStock));
    ModelArtifact evaluated =
        ModelExport.artifact(
            config,
            selected.equals(LR) ? lrModel : null,
            selected.equals(GBT) ? gbtModel : null,
            selectedTrain,
            trainRows,
            cutoff);

    Dataset<Row> scored = thesisModel.transform(gbtModel.transform(lrModel.transform(test)));
    CoreScores coreScores =
        new CoreScores(
            ModelRegistry.ARTIFACTS.encodeToString(evaluated),
            selected.equals(GBT) ? "p_gbt" : "p_lr");
    TestScores scores =
        steps.time(
            "test scoring",
            () ->
                new TestScores(
                    scored
                        .mapPartitions(coreScores, Encoders.kryo(double[].class))
                        .collectAsList()
                        .stream()
                        .map(TestScores.TestRow::of)
                        .toList()));
    Map<String, List<double[]>> roc = new LinkedHashMap<>();
    for (String model :
        List.of(
            selected,
            best.otherFamily(),
            TestScores.THESIS,
            TestScores.REVERSAL,
            TestScores.MOMENTUM)) {
      roc.put(model, BinaryMetrics.roc(scores.score(model), scores.labels()));
    }

    Deployment deployment =
        new Deployment(spark, config, fits, steps).deploy(sample, best, census, periods, evaluated);
    Evaluation.Size size =
        new Evaluation.Size(
            census.windows(),
            census.labeled(),
            census.train(),
            census.validation(),
            census.afterCutoff(),
            fractions.train(),
            fractions.validation(),
            fractions.test(),
            refused);
    Evaluation evaluation =
        new Evaluation(
            config.version(),
            cutoff,
            periods.validationStart(),
            periods.promotionStart(),
            selected,
            best.years(),
            thesisStock,
            trainRows,
            testRows,
            validationByName,
            validationSe,
            scores.metrics(),
            roc,
            BinaryMetrics.calibration(scores.score(selected), scores.labels(), 20),
            scores.parityMaxDelta(),
            deployment.check(),
            deployment.promote(),
            deployment.fit(),
            size,
            steps.seconds());
    deployment.write(evaluation);
    evaluation.print(out);
    out.printf(
        "written to %s (model.json, evaluated.json, spark/, report.html) in %.1f s%n",
        config.layout().model(evaluation.version()), (System.nanoTime() - started) / 1e9);
    out.printf("time by step: %s%n", Steps.describe(evaluation.seconds()));
    return evaluation;
  }

  private void requireRows(TrainingSample.Census c) {
    if (c.train() == 0 || c.afterCutoff() == 0 || c.fit() == 0 || c.validation() == 0) {
      throw new IllegalArgumentException(
          String.format(
              "the cutoff %s does not split the labeled windows (%s to %s) into training "
                  + "(%d, of which %d before the validation years and %d in them) and test (%d) windows; choose --cutoff inside the data",
              config.cutoff(),
              c.first(),
              c.last(),
              c.train(),
              c.fit(),
              c.validation(),
              c.afterCutoff()));
    }
  }
}
