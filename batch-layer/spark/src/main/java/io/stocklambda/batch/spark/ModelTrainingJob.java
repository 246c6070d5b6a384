package io.stocklambda.batch.spark;

import static org.apache.spark.sql.functions.col;

import io.stocklambda.core.eval.BinaryMetrics;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.hdfs.ModelRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
 * Retrains and evaluates, honestly: time-based split at the cutoff (training windows end an embargo
 * before it, so no label comes from the test period), the model family chosen on the last years
 * before the cutoff, and every figure on the test period next to the baselines on the very same
 * rows. Writes the artifact, the Spark model and a report; promotes it to {@code CURRENT} only if
 * it beats the serving model on the test period.
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
    LocalDate trainEnd = config.cutoff().minusDays(config.embargoDays());
    LocalDate validationStart = config.cutoff().minusYears(config.validationYears());
    LocalDate fitEnd = validationStart.minusDays(config.embargoDays());
    TrainingSample.Periods periods =
        new TrainingSample.Periods(fitEnd, validationStart, trainEnd, config.cutoff());
    Dataset<String> lines = spark.read().textFile(path);
    TrainingSample.Census census =
        steps.time("census", () -> TrainingSample.census(lines, periods));
    requireRows(census);
    TrainingSample.Fractions fractions =
        TrainingSample.Fractions.of(census, config.maxTrainRows(), config.maxEvalRows());
    out.printf(
        "training set %s: %,d windows (%,d labeled) from %s to %s; train %,d (before %s), validation %,d (from %s), test %,d "
            + "(from %s)%n",
        config.trainingRun(),
        census.windows(),
        census.labeled(),
        census.first(),
        census.last(),
        census.train(),
        trainEnd,
        census.validation(),
        validationStart,
        census.test(),
        config.cutoff());
    out.printf(
        "  learning from at most %,d windows (%,d per candidate of the search) and judging on at most %,d (seeded samples: "
            + "train %.1f%%, search %.1f%%, validation %.1f%%, test %.1f%%)%n",
        config.maxTrainRows(),
        config.maxTrainRows() / 4,
        config.maxEvalRows(),
        100 * fractions.train(),
        100 * fractions.fit(),
        100 * fractions.validation(),
        100 * fractions.test());
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
      TrainingSample.Periods periods,
      Steps steps,
      long started,
      long refused) {
    LocalDate trainEnd = periods.trainEnd();
    LocalDate validationStart = periods.validationStart();
    LocalDate fitEnd = periods.fitEnd();
    Dataset<Row> train = sample.filter(col("trainSet"));
    Dataset<Row> test = sample.filter(col("testSet"));
    Dataset<Row> fit = sample.filter(col("fitSet"));
    Dataset<Row> validation = sample.filter(col("validationSet"));
    long testRows = test.count();

    // choose the family and the years to learn from on the validation slice, never on the test
    // period
    Map<Candidate, Double> validationAuc =
        fits.search(fit, validation, fitEnd, census.firstFit(), config.trainYears(), steps);
    Candidate best = Candidate.best(validationAuc);
    String selected = best.family();
    int selectedYears = best.years();
    int otherYears = Candidate.bestOf(best.otherFamily(), validationAuc).years();
    Map<String, Double> validationByName = new LinkedHashMap<>();
    validationAuc.forEach((c, auc) -> validationByName.put(c.name(), auc));
    out.printf(
        "validation AUC (%s to %s): %s; selected %s%n",
        validationStart, trainEnd, validationByName, best.name());

    Dataset<Row> lrTrain =
        Fits.since(train, trainEnd, selected.equals(LR) ? selectedYears : otherYears);
    Dataset<Row> gbtTrain =
        Fits.since(train, trainEnd, selected.equals(GBT) ? selectedYears : otherYears);
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

    ModelArtifact artifact =
        ModelExport.artifact(config, selected, lrModel, gbtModel, selectedTrain, trainRows);
    ModelRegistry store =
        new ModelRegistry(SparkSessions.fileSystem(spark, config.hdfs()), config.layout());
    java.util.Optional<String> serving = store.current();
    ModelArtifact servingArtifact = serving.map(store::load).orElse(null);
    boolean comparable =
        servingArtifact != null
            && servingArtifact.featureSpec().windowSize() == config.windowSize();

    Dataset<Row> scored = thesisModel.transform(gbtModel.transform(lrModel.transform(test)));
    CoreScores coreScores =
        new CoreScores(
            ModelRegistry.ARTIFACTS.encodeToString(artifact),
            comparable ? ModelRegistry.ARTIFACTS.encodeToString(servingArtifact) : null,
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

    List<Evaluation.MetricRow> metrics = scores.metrics();
    double newAuc =
        metrics.stream()
            .filter(r -> r.model().equals(selected) && r.slice().equals("all"))
            .findFirst()
            .orElseThrow()
            .auc();
    Double servingAuc = comparable ? BinaryMetrics.auc(scores.serving(), scores.labels()) : null;
    boolean promote =
        Promotion.parse(config.promote()).promote(serving.isPresent(), servingAuc, newAuc);
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
    Evaluation.Size size =
        new Evaluation.Size(
            census.windows(),
            census.labeled(),
            census.train(),
            census.validation(),
            census.test(),
            fractions.train(),
            fractions.validation(),
            fractions.test(),
            refused);
    Evaluation evaluation =
        new Evaluation(
            config.version(),
            config.cutoff(),
            config.embargoDays(),
            selected,
            selectedYears,
            thesisStock,
            trainRows,
            testRows,
            validationByName,
            metrics,
            roc,
            BinaryMetrics.calibration(scores.score(selected), scores.labels(), 20),
            scores.parityMaxDelta(),
            serving.orElse(null),
            servingAuc,
            promote,
            size,
            steps.seconds());
    artifact = ModelExport.withMetrics(artifact, evaluation);

    store.write(artifact, Evaluation.JSON.encode(evaluation), Report.html(evaluation));
    try {
      (selected.equals(GBT) ? gbtModel.write() : lrModel.write())
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
    evaluation.print(out);
    out.printf(
        "written to %s (model.json, spark/, report.html) in %.1f s%n",
        store.qualified(config.layout().model(evaluation.version())),
        (System.nanoTime() - started) / 1e9);
    out.printf("time by step: %s%n", Steps.describe(evaluation.seconds()));
    return evaluation;
  }

  private void requireRows(TrainingSample.Census c) {
    if (c.train() == 0 || c.test() == 0 || c.fit() == 0 || c.validation() == 0) {
      throw new IllegalArgumentException(
          String.format(
              "the cutoff %s does not split the labeled windows (%s to %s) into training "
                  + "(%d, of which %d before the validation years and %d in them) and test (%d) windows; choose --cutoff inside the data",
              config.cutoff(), c.first(), c.last(), c.train(), c.fit(), c.validation(), c.test()));
    }
  }
}
