package io.stocklambda.batch.spark;

import io.stocklambda.hdfs.ModelRegistry;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;

import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.dataset.TrainingLine;
import io.stocklambda.core.eval.BinaryMetrics;
import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.feature.ReturnsFeatures;
import io.stocklambda.core.model.Algorithm;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelScorer;
import io.stocklambda.core.model.TrainingInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.util.LongAccumulator;

/**
 * Retrains and evaluates, honestly: time-based split at the cutoff (training windows end an
 * embargo before it, so no label comes from the test period), the model family chosen on the last
 * years before the cutoff, and every figure on the test period next to the baselines on the very
 * same rows. Writes the artifact, the Spark model and a report; promotes it to {@code CURRENT} only
 * if it beats the serving model on the test period.
 */
public final class ModelTrainingJob {

  static final String LR = "lr-returns";
  static final String GBT = "gbt-returns";
  static final String THESIS = "thesis-replica";
  static final String MOMENTUM = "momentum";
  static final String REVERSAL = "reversal";
  static final String ALWAYS_UP = "always-up";
  static final String ALWAYS_NOT_UP = "always-not-up";

  /**
   * @param trainYears how many years before the end of training to learn from, the candidates the
   *                   validation slice chooses among (0: all history); markets change, and old years
   *                   can teach the wrong lesson
   * @param promote {@code auto} (if it beats the serving model on the test period, or none serves),
   *                {@code always}, or {@code never}
   */
  public record Config(String hdfs, MasterLayout layout, String trainingRun, int windowSize, LocalDate cutoff, int embargoDays,
      int validationYears, List<Integer> trainYears, String version, int gbtIterations, int gbtDepth, long seed, String promote,
      long maxTrainRows, long maxEvalRows) {
    /** Windows learned from at most, per fit: a seeded sample above it (see {@link TrainingSample}). */
    public static final long DEFAULT_MAX_TRAIN_ROWS = io.stocklambda.commands.batch.TrainOptions.DEFAULT_MAX_TRAIN_ROWS;
    /** Windows judged on at most, in validation and in test. */
    public static final long DEFAULT_MAX_EVAL_ROWS = io.stocklambda.commands.batch.TrainOptions.DEFAULT_MAX_EVAL_ROWS;

    public Config {
      trainYears = List.copyOf(trainYears);
      if (trainYears.isEmpty() || trainYears.stream().anyMatch(y -> y < 0)) {
        throw new IllegalArgumentException("--train-years must list years (0 for all history)");
      }
      if (!List.of("auto", "always", "never").contains(promote)) {
        throw new IllegalArgumentException("--promote must be auto, always or never");
      }
      if (embargoDays < 0 || validationYears < 1) {
        throw new IllegalArgumentException("--embargo-days must not be negative and --validation-years must be at least 1");
      }
      if (maxTrainRows < 1000 || maxEvalRows < 1000) {
        throw new IllegalArgumentException("--max-train-rows and --max-eval-rows must be at least 1000");
      }
    }

    public Config(String hdfs, MasterLayout layout, String trainingRun, int windowSize, LocalDate cutoff, int embargoDays,
        int validationYears, List<Integer> trainYears, String version, int gbtIterations, int gbtDepth, long seed, String promote) {
      this(hdfs, layout, trainingRun, windowSize, cutoff, embargoDays, validationYears, trainYears, version, gbtIterations, gbtDepth,
          seed, promote, DEFAULT_MAX_TRAIN_ROWS, DEFAULT_MAX_EVAL_ROWS);
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
    String path = SparkSessions.qualify(config.hdfs(), config.layout().training(config.trainingRun()));
    String work = SparkSessions.qualify(config.hdfs(), config.layout().model(config.version()) + "/_work");
    LocalDate trainEnd = config.cutoff().minusDays(config.embargoDays());
    LocalDate validationStart = config.cutoff().minusYears(config.validationYears());
    LocalDate fitEnd = validationStart.minusDays(config.embargoDays());
    TrainingSample.Periods periods = new TrainingSample.Periods(fitEnd, validationStart, trainEnd, config.cutoff());
    Dataset<String> lines = spark.read().textFile(path);
    TrainingSample.Census census = steps.time("census", () -> TrainingSample.census(lines, periods));
    requireRows(census);
    TrainingSample.Fractions fractions = TrainingSample.Fractions.of(census, config.maxTrainRows(), config.maxEvalRows());
    out.printf("training set %s: %,d windows (%,d labeled) from %s to %s; train %,d (before %s), validation %,d (from %s), test %,d "
            + "(from %s)%n", config.trainingRun(), census.windows(), census.labeled(), census.first(), census.last(), census.train(),
        trainEnd, census.validation(), validationStart, census.test(), config.cutoff());
    out.printf("  learning from at most %,d windows (%,d per candidate of the search) and judging on at most %,d (seeded samples: "
            + "train %.1f%%, search %.1f%%, validation %.1f%%, test %.1f%%)%n", config.maxTrainRows(), config.maxTrainRows() / 4,
        config.maxEvalRows(), 100 * fractions.train(),
        100 * fractions.fit(), 100 * fractions.validation(), 100 * fractions.test());
    LongAccumulator refused = spark.sparkContext().longAccumulator("windows refused");
    Dataset<Row> sample = steps.time("sample and features", () -> TrainingSample.draw(spark, lines, periods, census, fractions,
        config.windowSize(), config.seed(), work, refused));
    if (refused.value() > 0) {
      out.printf("  %,d drawn window(s) left out: a feature is not finite (see the log for examples)%n", refused.value());
    }
    try {
      return train(sample, census, fractions, periods, steps, started, refused.value());
    } finally {
      deleteQuietly(work);
    }
  }

  private Evaluation train(Dataset<Row> sample, TrainingSample.Census census, TrainingSample.Fractions fractions,
      TrainingSample.Periods periods, Steps steps, long started, long refused) {
    LocalDate trainEnd = periods.trainEnd();
    LocalDate validationStart = periods.validationStart();
    LocalDate fitEnd = periods.fitEnd();
    Dataset<Row> train = sample.filter(col("trainSet"));
    Dataset<Row> test = sample.filter(col("testSet"));
    Dataset<Row> fit = sample.filter(col("fitSet"));
    Dataset<Row> validation = sample.filter(col("validationSet"));
    long testRows = test.count();

    // choose the family and the years to learn from on the validation slice, never on the test period
    Map<String, Double> validationAuc = new LinkedHashMap<>();
    // a window reaching past the first fit row learns from all of it: fit that candidate once, as "all"
    LocalDate fitFirst = census.firstFit();
    Set<Integer> candidates = new LinkedHashSet<>();
    for (int years : config.trainYears()) {
      candidates.add(years == 0 || !fitEnd.minusYears(years).isAfter(fitFirst) ? 0 : years);
    }
    steps.time("validation fits (" + candidates.size() * 2 + ")", () -> {
      for (int years : candidates) {
        Dataset<Row> recent = since(fit, fitEnd, years);
        validationAuc.put(candidate(LR, years), auc(lr().fit(recent).transform(validation), "probability"));
        validationAuc.put(candidate(GBT, years), auc(gbt().fit(recent).transform(validation), "probability"));
      }
      return null;
    });
    String best = validationAuc.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    String selected = best.substring(0, best.indexOf('@'));
    int selectedYears = Integer.parseInt(best.substring(best.indexOf('@') + 1).replace("all", "0").replace("y", ""));
    int otherYears = bestYears(validationAuc, selected.equals(GBT) ? LR : GBT);
    out.printf("validation AUC (%s to %s): %s; selected %s%n", validationStart, trainEnd, validationAuc, best);

    Dataset<Row> lrTrain = since(train, trainEnd, selected.equals(LR) ? selectedYears : otherYears);
    Dataset<Row> gbtTrain = since(train, trainEnd, selected.equals(GBT) ? selectedYears : otherYears);
    LogisticRegressionModel lrModel = steps.time("final fit, " + LR,
        () -> lr().setProbabilityCol("p_lr").setRawPredictionCol("r_lr").setPredictionCol("y_lr").fit(lrTrain));
    GBTClassificationModel gbtModel = steps.time("final fit, " + GBT,
        () -> gbt().setProbabilityCol("p_gbt").setRawPredictionCol("r_gbt").setPredictionCol("y_gbt").fit(gbtTrain));
    Dataset<Row> selectedTrain = selected.equals(GBT) ? gbtTrain : lrTrain;
    long trainRows = selectedTrain.count();
    String thesisStock = census.thesisStock();
    LogisticRegressionModel thesisModel = steps.time("thesis replica", () -> thesisReplica(sample.filter(col("thesisSet")), thesisStock));

    ModelArtifact artifact = artifact(selected, lrModel, gbtModel, selectedTrain, trainRows);
    ModelRegistry store = new ModelRegistry(fileSystem(), config.layout());
    java.util.Optional<String> serving = store.current();
    ModelArtifact servingArtifact = serving.map(store::load).orElse(null);
    boolean comparable = servingArtifact != null && servingArtifact.featureSpec().windowSize() == config.windowSize();

    Dataset<Row> scored = thesisModel.transform(gbtModel.transform(lrModel.transform(test)));
    CoreScores coreScores = new CoreScores(ModelRegistry.ARTIFACTS.encodeToString(artifact),
        comparable ? ModelRegistry.ARTIFACTS.encodeToString(servingArtifact) : null, selected.equals(GBT) ? "p_gbt" : "p_lr");
    TestScores scores = steps.time("test scoring",
        () -> new TestScores(scored.mapPartitions(coreScores, Encoders.kryo(double[].class)).collectAsList()));

    List<Evaluation.MetricRow> metrics = metrics(scores);
    double newAuc = metrics.stream().filter(r -> r.model().equals(selected) && r.slice().equals("all")).findFirst().orElseThrow().auc();
    Double servingAuc = comparable ? BinaryMetrics.auc(scores.column(CoreScores.SERVING), scores.labels()) : null;
    boolean promote = switch (config.promote()) {
      case "always" -> true;
      case "never" -> false;
      default -> serving.isEmpty() || (servingAuc != null && newAuc > servingAuc);
    };
    Map<String, List<double[]>> roc = new LinkedHashMap<>();
    for (String model : List.of(selected, selected.equals(GBT) ? LR : GBT, THESIS, REVERSAL, MOMENTUM)) {
      roc.put(model, BinaryMetrics.roc(scores.score(model), scores.labels()));
    }
    Evaluation.Size size = new Evaluation.Size(census.windows(), census.labeled(), census.train(), census.validation(), census.test(),
        fractions.train(), fractions.validation(), fractions.test(), refused);
    Evaluation evaluation = new Evaluation(config.version(), config.cutoff(), config.embargoDays(), selected, selectedYears, thesisStock, trainRows,
        testRows, validationAuc, metrics, roc, BinaryMetrics.calibration(scores.score(selected), scores.labels(), 20),
        scores.parityMaxDelta(), serving.orElse(null), servingAuc, promote, size, steps.seconds());
    artifact = withMetrics(artifact, evaluation);

    store.write(artifact, Evaluation.JSON.encode(evaluation), Report.html(evaluation));
    try {
      (selected.equals(GBT) ? gbtModel.write() : lrModel.write()).overwrite().save(SparkSessions.qualify(config.hdfs(), config.layout().model(config.version()) + "/spark"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the Spark model", e);
    }
    if (promote) {
      store.promote(config.version());
    }
    print(evaluation, store, started);
    return evaluation;
  }

  /** A candidate's name: family and years learned from, e.g. {@code lr-returns@10y} or {@code gbt-returns@all}. */
  static String candidate(String family, int years) {
    return family + "@" + (years == 0 ? "all" : years + "y");
  }

  private static int bestYears(Map<String, Double> validationAuc, String family) {
    String best = validationAuc.entrySet().stream().filter(e -> e.getKey().startsWith(family + "@"))
        .max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    return Integer.parseInt(best.substring(best.indexOf('@') + 1).replace("all", "0").replace("y", ""));
  }

  /** The rows of the {@code years} before {@code end} (all of them for 0). */
  private static Dataset<Row> since(Dataset<Row> rows, LocalDate end, int years) {
    return years == 0 ? rows : rows.filter(col("date").geq(Date.valueOf(end.minusYears(years))));
  }

  private LogisticRegression lr() {
    return new LogisticRegression().setFeaturesCol("returns").setLabelCol("label").setMaxIter(100).setRegParam(1e-4);
  }

  private GBTClassifier gbt() {
    return new GBTClassifier().setFeaturesCol("returns").setLabelCol("label").setMaxIter(config.gbtIterations())
        .setMaxDepth(config.gbtDepth()).setStepSize(0.1).setSubsamplingRate(0.8).setSeed(config.seed());
  }

  /** The thesis's model: a logistic regression on one stock's raw closes, non-overlapping windows. */
  private LogisticRegressionModel thesisReplica(Dataset<Row> train, String stock) {
    Dataset<Row> windows = train.filter(col("stock").equalTo(stock))
        .withColumn("n", row_number().over(Window.orderBy("date")))
        .filter(col("n").minus(1).mod(config.windowSize()).equalTo(0));
    return new LogisticRegression().setFeaturesCol("raw").setLabelCol("label").setMaxIter(100)
        .setProbabilityCol("p_thesis").setRawPredictionCol("r_thesis").setPredictionCol("y_thesis").fit(windows);
  }

  private ModelArtifact artifact(String selected, LogisticRegressionModel lr, GBTClassificationModel gbt, Dataset<Row> train, long rows) {
    Row range = train.agg(org.apache.spark.sql.functions.min("date"), org.apache.spark.sql.functions.max("date")).first();
    TrainingInfo info = new TrainingInfo(range.getDate(0).toLocalDate(), range.getDate(1).toLocalDate(), rows, config.cutoff());
    boolean trees = selected.equals(GBT);
    return new ModelArtifact(ModelArtifact.FORMAT, ModelArtifact.DEFAULT_NAME, config.version(),
        trees ? Algorithm.GRADIENT_BOOSTED_TREES : Algorithm.LOGISTIC_REGRESSION,
        FeatureSpecs.of(ReturnsFeatures.NAME, config.windowSize()).ref(),
        trees ? null : ModelExport.logistic(lr), trees ? ModelExport.trees(gbt) : null, 0.5, info, Map.of(), Instant.now()).validate();
  }

  private static ModelArtifact withMetrics(ModelArtifact a, Evaluation e) {
    Map<String, Double> m = new TreeMap<>();
    Evaluation.MetricRow selected = e.overall(e.selected());
    m.put("test.auc", selected.auc());
    m.put("test.accuracy", selected.accuracy());
    m.put("test.balancedAccuracy", selected.balancedAccuracy());
    m.put("test.windows", (double) selected.n());
    m.put("validation.auc", e.validationAuc().get(candidate(e.selected(), e.trainYears())));
    m.put("train.years", (double) e.trainYears());
    for (String baseline : List.of(THESIS, MOMENTUM, REVERSAL, ALWAYS_UP, ALWAYS_NOT_UP, e.selected().equals(GBT) ? LR : GBT)) {
      m.put("baseline." + baseline + ".test.auc", e.overall(baseline).auc());
    }
    return new ModelArtifact(a.format(), a.name(), a.version(), a.algorithm(), a.featureSpec(), a.logisticRegression(), a.trees(),
        a.threshold(), a.training(), m, a.createdAt());
  }

  /** The model and every baseline on the same test rows: overall, by year, by price bucket. */
  private static List<Evaluation.MetricRow> metrics(TestScores s) {
    List<Evaluation.MetricRow> rows = new ArrayList<>();
    for (String model : List.of(GBT, LR, THESIS, REVERSAL, MOMENTUM, ALWAYS_UP, ALWAYS_NOT_UP)) {
      rows.add(row(model, "all", s, i -> true));
    }
    for (String model : List.of(GBT, LR, THESIS, REVERSAL)) {
      for (int year : s.years()) {
        rows.add(row(model, "year " + year, s, i -> s.year(i) == year));
      }
      for (String bucket : TestScores.BUCKETS) {
        rows.add(row(model, "price " + bucket, s, i -> s.bucket(i).equals(bucket)));
      }
    }
    return rows;
  }

  private static Evaluation.MetricRow row(String model, String slice, TestScores s, java.util.function.IntPredicate keep) {
    TestScores.Slice slice2 = s.slice(model, keep);
    BinaryMetrics m = BinaryMetrics.of(slice2.scores(), slice2.labels(), TestScores.threshold(model));
    return new Evaluation.MetricRow(model, slice, m.n(), m.upShare(), m.auc(), m.accuracy(), m.balancedAccuracy());
  }

  /** AUC of a probability column against the labels, by core's metrics, from two collected columns of doubles. */
  private double auc(Dataset<Row> scored, String column) {
    List<Row> rows = scored.select(org.apache.spark.ml.functions.vector_to_array(col(column), "float64").getItem(1), col("label")).collectAsList();
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
      throw new IllegalArgumentException(String.format("the cutoff %s does not split the labeled windows (%s to %s) into training "
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
      return FileSystem.get(java.net.URI.create(SparkSessions.qualify(config.hdfs(), "/")), spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + config.hdfs(), e);
    }
  }

  private void print(Evaluation e, ModelRegistry store, long started) {
    out.printf("%nmodel %s (%s, learned from %s), test period from %s, %,d windows:%n", e.version(), e.selected(),
        e.trainYears() == 0 ? "all history" : "the last " + e.trainYears() + " years", e.cutoff(), e.testRows());
    out.printf("  %-16s %8s %9s %18s%n", "model", "AUC", "accuracy", "balanced accuracy");
    for (Evaluation.MetricRow r : e.rows()) {
      if (r.slice().equals("all")) {
        out.printf("  %-16s %8.4f %9.4f %18.4f%s%n", r.model(), r.auc(), r.accuracy(), r.balancedAccuracy(),
            r.model().equals(e.selected()) ? "   <- selected" : "");
      }
    }
    out.printf("parity of the exported artifact with Spark: max |dp| = %.2e%n", e.parityMaxDelta());
    out.printf("serving model: %s%s; %s%n", e.serving() == null ? "none" : e.serving(),
        e.servingTestAuc() == null ? "" : String.format(" (test AUC %.4f)", e.servingTestAuc()),
        e.promoted() ? "this model is now CURRENT" : "this model did not replace it");
    out.printf("written to %s (model.json, spark/, report.html) in %.1f s%n", store.qualified(config.layout().model(e.version())),
        (System.nanoTime() - started) / 1e9);
    out.printf("time by step: %s%n", Steps.describe(e.seconds()));
  }

  /**
   * Per test row, everything the evaluation needs as doubles: label, year, last close, last
   * return, Spark's probabilities of every model, core's probability of the exported artifact and
   * of the serving model (NaN when there is none).
   */
  static final class CoreScores implements MapPartitionsFunction<Row, double[]> {
    static final int LABEL = 0;
    static final int YEAR = 1;
    static final int CLOSE = 2;
    static final int RETURN = 3;
    static final int P_LR = 4;
    static final int P_GBT = 5;
    static final int P_THESIS = 6;
    static final int CORE = 7;
    static final int SPARK_SELECTED = 8;
    static final int SERVING = 9;
    private static final long serialVersionUID = 1L;

    private final String artifact;
    private final String serving;
    private final String selectedColumn;

    CoreScores(String artifact, String serving, String selectedColumn) {
      this.artifact = artifact;
      this.serving = serving;
      this.selectedColumn = selectedColumn;
    }

    @Override
    public Iterator<double[]> call(Iterator<Row> rows) {
      ModelScorer scorer = ModelScorer.of(ModelRegistry.ARTIFACTS.decode(artifact));
      ModelScorer current = serving == null ? null : ModelScorer.of(ModelRegistry.ARTIFACTS.decode(serving));
      List<double[]> out = new ArrayList<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        io.stocklambda.core.window.Window window = TrainingLine.parse(r.getAs("line")).window();
        out.add(new double[] {
            r.<Double>getAs("label"), r.<Integer>getAs("year"), r.<Double>getAs("lastClose"), r.<Double>getAs("lastReturn"),
            r.<Vector>getAs("p_lr").apply(1), r.<Vector>getAs("p_gbt").apply(1), r.<Vector>getAs("p_thesis").apply(1),
            scorer.probabilityUp(window), r.<Vector>getAs(selectedColumn).apply(1),
            current == null ? Double.NaN : current.probabilityUp(window)});
      }
      return out.iterator();
    }
  }

  /** The collected test rows, column by column, with the scores of every model and baseline. */
  static final class TestScores {
    static final List<String> BUCKETS = List.of("under 1", "1 to 5", "5 to 20", "20 to 100", "100 and over");

    private final List<double[]> rows;
    private final int[] labels;

    TestScores(List<double[]> rows) {
      this.rows = rows;
      this.labels = rows.stream().mapToInt(r -> (int) r[CoreScores.LABEL]).toArray();
    }

    int[] labels() {
      return labels;
    }

    double[] column(int index) {
      return rows.stream().mapToDouble(r -> r[index]).toArray();
    }

    /** A model's scores: probabilities for the models, the sign of the last move for the rules. */
    double[] score(String model) {
      ToDoubleFunction<double[]> f = switch (model) {
        case LR -> r -> r[CoreScores.P_LR];
        case GBT -> r -> r[CoreScores.P_GBT];
        case THESIS -> r -> r[CoreScores.P_THESIS];
        case MOMENTUM -> r -> r[CoreScores.RETURN];
        case REVERSAL -> r -> -r[CoreScores.RETURN];
        case ALWAYS_UP -> r -> 1.0;
        case ALWAYS_NOT_UP -> r -> 0.0;
        default -> throw new IllegalArgumentException(model);
      };
      return rows.stream().mapToDouble(f).toArray();
    }

    /** Probabilities are called up above 0.5; the momentum and reversal rules above 0. */
    static double threshold(String model) {
      return model.equals(MOMENTUM) || model.equals(REVERSAL) ? 0.0 : 0.5;
    }

    record Slice(double[] scores, int[] labels) {}

    Slice slice(String model, java.util.function.IntPredicate keep) {
      double[] all = score(model);
      List<Integer> kept = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (keep.test(i)) {
          kept.add(i);
        }
      }
      return new Slice(kept.stream().mapToDouble(i -> all[i]).toArray(), kept.stream().mapToInt(i -> labels[i]).toArray());
    }

    int year(int i) {
      return (int) rows.get(i)[CoreScores.YEAR];
    }

    List<Integer> years() {
      return rows.stream().map(r -> (int) r[CoreScores.YEAR]).distinct().sorted().toList();
    }

    String bucket(int i) {
      double close = rows.get(i)[CoreScores.CLOSE];
      return close < 1 ? BUCKETS.get(0) : close < 5 ? BUCKETS.get(1) : close < 20 ? BUCKETS.get(2) : close < 100 ? BUCKETS.get(3) : BUCKETS.get(4);
    }

    double parityMaxDelta() {
      return rows.stream().mapToDouble(r -> Math.abs(r[CoreScores.CORE] - r[CoreScores.SPARK_SELECTED])).max().orElse(0);
    }
  }
}
