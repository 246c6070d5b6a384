package io.stocklambda.batch.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.eval.BinaryMetrics;
import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.feature.ReturnsFeatures;
import io.stocklambda.core.model.Algorithm;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.TrainingInfo;
import io.stocklambda.hdfs.ModelRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
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

  /**
   * @param trainYears how many years before the end of training to learn from, the candidates the
   *     validation slice chooses among (0: all history); markets change, and old years can teach
   *     the wrong lesson
   * @param promote {@code auto} (if it beats the serving model on the test period, or none serves),
   *     {@code always}, or {@code never}
   */
  public record Config(
      String hdfs,
      MasterLayout layout,
      String trainingRun,
      int windowSize,
      LocalDate cutoff,
      int embargoDays,
      int validationYears,
      List<Integer> trainYears,
      String version,
      int gbtIterations,
      int gbtDepth,
      long seed,
      String promote,
      long maxTrainRows,
      long maxEvalRows) {
    /**
     * Windows learned from at most, per fit: a seeded sample above it (see {@link TrainingSample}).
     */
    public static final long DEFAULT_MAX_TRAIN_ROWS =
        io.stocklambda.commands.batch.TrainOptions.DEFAULT_MAX_TRAIN_ROWS;

    /** Windows judged on at most, in validation and in test. */
    public static final long DEFAULT_MAX_EVAL_ROWS =
        io.stocklambda.commands.batch.TrainOptions.DEFAULT_MAX_EVAL_ROWS;

    public Config {
      trainYears = List.copyOf(trainYears);
      if (trainYears.isEmpty() || trainYears.stream().anyMatch(y -> y < 0)) {
        throw new IllegalArgumentException("--train-years must list years (0 for all history)");
      }
      Promotion.parse(promote);
      if (embargoDays < 0 || validationYears < 1) {
        throw new IllegalArgumentException(
            "--embargo-days must not be negative and --validation-years must be at least 1");
      }
      if (maxTrainRows < 1000 || maxEvalRows < 1000) {
        throw new IllegalArgumentException(
            "--max-train-rows and --max-eval-rows must be at least 1000");
      }
    }

    public Config(
        String hdfs,
        MasterLayout layout,
        String trainingRun,
        int windowSize,
        LocalDate cutoff,
        int embargoDays,
        int validationYears,
        List<Integer> trainYears,
        String version,
        int gbtIterations,
        int gbtDepth,
        long seed,
        String promote) {
      this(
          hdfs,
          layout,
          trainingRun,
          windowSize,
          cutoff,
          embargoDays,
          validationYears,
          trainYears,
          version,
          gbtIterations,
          gbtDepth,
          seed,
          promote,
          DEFAULT_MAX_TRAIN_ROWS,
          DEFAULT_MAX_EVAL_ROWS);
    }
  }

  private final SparkSession spark;
  private final Config config;
  private final PrintStream out;

  public ModelTrainingJob(SparkSession spark, Config config, PrintStream out) {
    this.spark = spark;
    this.config = config;
    this.out = out;
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
      deleteQuietly(work);
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
    Map<Candidate, Double> validationAuc = new LinkedHashMap<>();
    // a window reaching past the first fit row learns from all of it: fit that candidate once, as
    // "all"
    LocalDate fitFirst = census.firstFit();
    Set<Integer> horizons = new LinkedHashSet<>();
    for (int years : config.trainYears()) {
      horizons.add(years == 0 || !fitEnd.minusYears(years).isAfter(fitFirst) ? 0 : years);
    }
    steps.time(
        "validation fits (" + horizons.size() * 2 + ")",
        () -> {
          for (int years : horizons) {
            Dataset<Row> recent = since(fit, fitEnd, years);
            validationAuc.put(
                new Candidate(LR, years),
                auc(lr().fit(recent).transform(validation), "probability"));
            validationAuc.put(
                new Candidate(GBT, years),
                auc(gbt().fit(recent).transform(validation), "probability"));
          }
          return null;
        });
    Candidate best = Candidate.best(validationAuc);
    String selected = best.family();
    int selectedYears = best.years();
    int otherYears = Candidate.bestOf(best.otherFamily(), validationAuc).years();
    Map<String, Double> validationByName = new LinkedHashMap<>();
    validationAuc.forEach((c, auc) -> validationByName.put(c.name(), auc));
    out.printf(
        "validation AUC (%s to %s): %s; selected %s%n",
        validationStart, trainEnd, validationByName, best.name());

    Dataset<Row> lrTrain = since(train, trainEnd, selected.equals(LR) ? selectedYears : otherYears);
    Dataset<Row> gbtTrain =
        since(train, trainEnd, selected.equals(GBT) ? selectedYears : otherYears);
    LogisticRegressionModel lrModel =
        steps.time(
            "final fit, " + LR,
            () ->
                lr().setProbabilityCol("p_lr")
                    .setRawPredictionCol("r_lr")
                    .setPredictionCol("y_lr")
                    .fit(lrTrain));
    GBTClassificationModel gbtModel =
        steps.time(
            "final fit, " + GBT,
            () ->
                gbt()
                    .setProbabilityCol("p_gbt")
                    .setRawPredictionCol("r_gbt")
                    .setPredictionCol("y_gbt")
                    .fit(gbtTrain));
    Dataset<Row> selectedTrain = selected.equals(GBT) ? gbtTrain : lrTrain;
    long trainRows = selectedTrain.count();
    String thesisStock = census.thesisStock();
    LogisticRegressionModel thesisModel =
        steps.time(
            "thesis replica", () -> thesisReplica(sample.filter(col("thesisSet")), thesisStock));

    ModelArtifact artifact = artifact(selected, lrModel, gbtModel, selectedTrain, trainRows);
    ModelRegistry store = new ModelRegistry(fileSystem(), config.layout());
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

  /** The rows of the {@code years} before {@code end} (all of them for 0). */
  private static Dataset<Row> since(Dataset<Row> rows, LocalDate end, int years) {
    return years == 0 ? rows : rows.filter(col("date").geq(Date.valueOf(end.minusYears(years))));
  }

  private LogisticRegression lr() {
    return new LogisticRegression()
        .setFeaturesCol("returns")
        .setLabelCol("label")
        .setMaxIter(100)
        .setRegParam(1e-4);
  }

  private GBTClassifier gbt() {
    return new GBTClassifier()
        .setFeaturesCol("returns")
        .setLabelCol("label")
        .setMaxIter(config.gbtIterations())
        .setMaxDepth(config.gbtDepth())
        .setStepSize(0.1)
        .setSubsamplingRate(0.8)
        .setSeed(config.seed());
  }

  /**
   * The thesis's model: a logistic regression on one stock's raw closes, non-overlapping windows.
   */
  private LogisticRegressionModel thesisReplica(Dataset<Row> train, String stock) {
    Dataset<Row> windows =
        train
            .filter(col("stock").equalTo(stock))
            .withColumn("n", row_number().over(Window.orderBy("date")))
            .filter(col("n").minus(1).mod(config.windowSize()).equalTo(0));
    return new LogisticRegression()
        .setFeaturesCol("raw")
        .setLabelCol("label")
        .setMaxIter(100)
        .setProbabilityCol("p_thesis")
        .setRawPredictionCol("r_thesis")
        .setPredictionCol("y_thesis")
        .fit(windows);
  }

  private ModelArtifact artifact(
      String selected,
      LogisticRegressionModel lr,
      GBTClassificationModel gbt,
      Dataset<Row> train,
      long rows) {
    Row range =
        train
            .agg(
                org.apache.spark.sql.functions.min("date"),
                org.apache.spark.sql.functions.max("date"))
            .first();
    TrainingInfo info =
        new TrainingInfo(
            range.getDate(0).toLocalDate(), range.getDate(1).toLocalDate(), rows, config.cutoff());
    boolean trees = selected.equals(GBT);
    return new ModelArtifact(
            ModelArtifact.FORMAT,
            ModelArtifact.DEFAULT_NAME,
            config.version(),
            trees ? Algorithm.GRADIENT_BOOSTED_TREES : Algorithm.LOGISTIC_REGRESSION,
            FeatureSpecs.of(ReturnsFeatures.NAME, config.windowSize()).ref(),
            trees ? null : ModelExport.logistic(lr),
            trees ? ModelExport.trees(gbt) : null,
            0.5,
            info,
            Map.of(),
            Instant.now())
        .validate();
  }

  /**
   * AUC of a probability column against the labels, by core's metrics, from two collected columns
   * of doubles.
   */
  private double auc(Dataset<Row> scored, String column) {
    List<Row> rows =
        scored
            .select(
                org.apache.spark.ml.functions.vector_to_array(col(column), "float64").getItem(1),
                col("label"))
            .collectAsList();
    double[] scores = new double[rows.size()];
    int[] labels = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      scores[i] = rows.get(i).getDouble(0);
      labels[i] = (int) rows.get(i).getDouble(1);
    }
    return BinaryMetrics.auc(scores, labels);
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

  private void deleteQuietly(String dir) {
    try {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir);
      path.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(path, true);
    } catch (IOException e) {
      out.println("warning: could not delete the work directory " + dir + ": " + e.getMessage());
    }
  }

  private FileSystem fileSystem() {
    try {
      return FileSystem.get(
          java.net.URI.create(SparkSessions.qualify(config.hdfs(), "/")),
          spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + config.hdfs(), e);
    }
  }
}
