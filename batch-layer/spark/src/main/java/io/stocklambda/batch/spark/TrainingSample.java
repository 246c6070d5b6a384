package io.stocklambda.batch.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.stocklambda.core.dataset.TrainingLine;
import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * The rows a training run learns from and is judged on, drawn in two passes over the training set
 * so that the whole Kaggle set (17.5 M windows) trains in the default heap:
 *
 * <ol>
 *   <li>a census reads only each line's stock, date and label, and counts the labeled windows of
 *       every period;
 *   <li>a draw parses, and computes features for, only the windows it keeps: a seeded uniform
 *       sample of each period, at most {@code maxTrainRows} to learn from (a quarter of it for each
 *       candidate of the model search) and {@code maxEvalRows} to judge on (all of them when there
 *       are fewer), plus every training window of the thesis replica's stock. The sample is written
 *       as Parquet under the run's work directory and read back, so every fit reads a compact file
 *       instead of re-parsing text or holding a cache.
 * </ol>
 *
 * <p>A window's draw is a hash of (stock, date, seed), the same in every run with that seed, so
 * samples are reproducible and nested: a larger cap keeps every window a smaller one kept.
 */
final class TrainingSample {

  /**
   * The labeled windows of each period, and the set's size.
   *
   * @param afterCutoff labeled windows of the test period and the promotion slice together
   * @param lastLabeled the last date of a labeled window (where the promotion slice ends)
   * @param newestLabel the newest label row's date
   */
  record Census(
      long windows,
      long labeled,
      long fit,
      long validation,
      long train,
      long afterCutoff,
      LocalDate first,
      LocalDate last,
      LocalDate lastLabeled,
      LocalDate newestLabel,
      LocalDate firstFit,
      String thesisStock) {}

  /**
   * How much of each period is kept: a share in (0, 1]. The deployed refit learns from at most
   * {@code maxTrainRows} of all labeled windows (a horizon of fewer years from its part of them),
   * and the promotion slice is judged on the test period's share.
   */
  record Fractions(double fit, double validation, double train, double test, double deployed)
      implements Serializable {
    /**
     * The candidate search fits each of its candidates on a quarter of {@code maxTrainRows}: it
     * only ranks them (by validation AUC), and it fits six of them, so this keeps it at about the
     * cost of the final fits.
     */
    static Fractions of(Census c, long maxTrainRows, long maxEvalRows) {
      return new Fractions(
          share(maxTrainRows / 4, c.fit()),
          share(maxEvalRows, c.validation()),
          share(maxTrainRows, c.train()),
          share(maxEvalRows, c.afterCutoff()),
          share(maxTrainRows, c.labeled()));
    }

    private static double share(long cap, long rows) {
      return rows <= cap ? 1.0 : (double) cap / rows;
    }
  }

  static final StructType HEAD_SCHEMA =
      new StructType()
          .add("stock", DataTypes.StringType, false)
          .add("date", DataTypes.DateType, false)
          .add("labelDate", DataTypes.DateType, true);

  /**
   * Columns of the sample: those of {@link TrainingData} ({@code raw} only for the thesis stock's
   * rows and test rows, {@code line} only for test and promotion rows, null elsewhere) and one flag
   * per set.
   */
  static final StructType SCHEMA =
      new StructType()
          .add("line", DataTypes.StringType, true)
          .add("stock", DataTypes.StringType, false)
          .add("date", DataTypes.DateType, false)
          .add("year", DataTypes.IntegerType, false)
          .add("label", DataTypes.DoubleType, false)
          .add("lastClose", DataTypes.DoubleType, false)
          .add("lastReturn", DataTypes.DoubleType, false)
          .add("raw", SQLDataTypes.VectorType(), true)
          .add("features", SQLDataTypes.VectorType(), false)
          .add("fitSet", DataTypes.BooleanType, false)
          .add("validationSet", DataTypes.BooleanType, false)
          .add("trainSet", DataTypes.BooleanType, false)
          .add("testSet", DataTypes.BooleanType, false)
          .add("promotionSet", DataTypes.BooleanType, false)
          .add("deployedSet", DataTypes.BooleanType, false)
          .add("thesisSet", DataTypes.BooleanType, false);

  private TrainingSample() {}

  /** Pass 1: counts, per period, from each line's first fields. */
  static Census census(Dataset<String> lines, Periods p) {
    Dataset<Row> heads = lines.mapPartitions(new Heads(), ExpressionEncoder.apply(HEAD_SCHEMA));
    Column labelDate = col("labelDate");
    Column labeled = labelDate.isNotNull();
    Column date = col("date");
    Column fit = labeled.and(labelDate.lt(Date.valueOf(p.validationStart())));
    Column validation =
        labeled
            .and(date.geq(Date.valueOf(p.validationStart())))
            .and(labelDate.lt(Date.valueOf(p.cutoff())));
    Column train = labeled.and(labelDate.lt(Date.valueOf(p.cutoff())));
    Column test = labeled.and(date.geq(Date.valueOf(p.cutoff())));
    List<Row> stocks =
        heads
            .groupBy("stock")
            .agg(
                count(lit(1)).as("windows"),
                sum(when(labeled, 1).otherwise(0)).as("labeled"),
                sum(when(fit, 1).otherwise(0)).as("fit"),
                sum(when(validation, 1).otherwise(0)).as("validation"),
                sum(when(train, 1).otherwise(0)).as("train"),
                sum(when(test, 1).otherwise(0)).as("test"),
                min(date).as("first"),
                max(date).as("last"),
                max(when(labeled, date)).as("lastLabeled"),
                min(when(fit, date)).as("firstFit"),
                max(labelDate).as("newestLabel"))
            .collectAsList();
    long windows = 0;
    long all = 0;
    long fits = 0;
    long validations = 0;
    long trains = 0;
    long tests = 0;
    LocalDate first = null;
    LocalDate last = null;
    LocalDate lastLabeled = null;
    LocalDate newestLabel = null;
    LocalDate firstFit = null;
    String thesis = null;
    long thesisRows = 0;
    for (Row r : stocks) {
      windows += r.getLong(1);
      all += r.getLong(2);
      fits += r.getLong(3);
      validations += r.getLong(4);
      long stockTrain = r.getLong(5);
      trains += stockTrain;
      tests += r.getLong(6);
      first = earliest(first, r.getDate(7).toLocalDate());
      last = latest(last, r.getDate(8).toLocalDate());
      if (!r.isNullAt(9)) {
        lastLabeled = latest(lastLabeled, r.getDate(9).toLocalDate());
      }
      if (!r.isNullAt(10)) {
        firstFit = earliest(firstFit, r.getDate(10).toLocalDate());
      }
      if (!r.isNullAt(11)) {
        newestLabel = latest(newestLabel, r.getDate(11).toLocalDate());
      }
      // the thesis's stock, IBM, or where it is absent the one with the longest training history
      // (then by name)
      String stock = r.getString(0);
      if (stockTrain > thesisRows
          || (stockTrain == thesisRows && stockTrain > 0 && stock.compareTo(thesis) < 0)) {
        thesis = stock;
        thesisRows = stockTrain;
      }
    }
    String ibm = "ibm.us";
    if (stocks.stream().anyMatch(r -> r.getString(0).equals(ibm) && r.getLong(5) > 0)) {
      thesis = ibm;
    }
    return new Census(
        windows,
        all,
        fits,
        validations,
        trains,
        tests,
        first,
        last,
        lastLabeled,
        newestLabel,
        firstFit,
        thesis);
  }

  /**
   * Pass 2: the kept windows with their features, written as Parquet under {@code workDir} and read
   * back. A drawn window whose features are not finite is left out, logged (a few per partition)
   * and counted in {@code refused}.
   */
  static Dataset<Row> draw(
      SparkSession spark,
      Dataset<String> lines,
      Periods periods,
      Census census,
      Fractions fractions,
      String features,
      int windowSize,
      long seed,
      String workDir,
      LongAccumulator refused) {
    String path = workDir + "/sample";
    lines
        .mapPartitions(
            new SampleDraw(
                periods, fractions, census.thesisStock(), features, windowSize, seed, refused),
            ExpressionEncoder.apply(SCHEMA))
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(path);
    return spark.read().parquet(path);
  }

  /** A window's draw in [0, 1): a hash of its stock, date and the seed (SplitMix64's finalizer). */
  static double draw(String stock, LocalDate date, long seed) {
    long z =
        seed * 0x9E3779B97F4A7C15L + stock.hashCode() * 0xBF58476D1CE4E5B9L + date.toEpochDay();
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53;
  }

  private static LocalDate earliest(LocalDate a, LocalDate b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  private static LocalDate latest(LocalDate a, LocalDate b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  /** Each line's stock, date and label row's date (null when unlabeled). */
  static final class Heads implements MapPartitionsFunction<String, Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(Iterator<String> lines) {
      return NonBlankLines.map(
          lines,
          line -> {
            TrainingLine.Head h = TrainingLine.head(line);
            return RowFactory.create(
                h.stock(),
                Date.valueOf(h.date()),
                h.labelDate() == null ? null : Date.valueOf(h.labelDate()));
          });
    }
  }
}
