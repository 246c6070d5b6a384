package io.stocklambda.batch.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.stocklambda.core.eval.BinaryMetrics;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The model families as Spark MLlib fits them (logistic regression and gradient-boosted trees on
 * the model's features (core's {@code FeatureSpecs.MODEL}), the thesis replica on one stock's raw
 * closes), and what the search needs around them: the rows of the last years, the AUC of a scored
 * slice by core's metrics.
 */
final class Fits {

  private final TrainingConfig config;

  Fits(TrainingConfig config) {
    this.config = config;
  }

  /** The rows of the {@code years} before {@code end} (all of them for 0). */
  static Dataset<Row> since(Dataset<Row> rows, LocalDate end, int years) {
    return years == 0 ? rows : rows.filter(col("date").geq(Date.valueOf(end.minusYears(years))));
  }

  LogisticRegression lr() {
    return new LogisticRegression()
        .setFeaturesCol("features")
        .setLabelCol("label")
        .setMaxIter(100)
        .setRegParam(1e-4);
  }

  GBTClassifier gbt() {
    return new GBTClassifier()
        .setFeaturesCol("features")
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
  LogisticRegressionModel thesisReplica(Dataset<Row> train, String stock) {
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

  /**
   * AUC of a probability column against the labels, by core's metrics, from two collected columns
   * of doubles.
   */
  static double auc(Dataset<Row> scored, String column) {
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

  /**
   * The model search: each family fitted on the last years of the fit period (each of {@code
   * trainYears}; 0, or a span reaching past the first fit row, is all of it, fitted once) and
   * judged by its AUC on the validation slice, never on the test period.
   */
  Map<Candidate, Double> search(
      Dataset<Row> fit,
      Dataset<Row> validation,
      LocalDate fitEnd,
      LocalDate fitFirst,
      List<Integer> trainYears,
      Steps steps) {
    Map<Candidate, Double> validationAuc = new LinkedHashMap<>();
    Set<Integer> horizons = new LinkedHashSet<>();
    for (int years : trainYears) {
      horizons.add(years == 0 || !fitEnd.minusYears(years).isAfter(fitFirst) ? 0 : years);
    }
    steps.time(
        "validation fits (" + horizons.size() * 2 + ")",
        () -> {
          for (int years : horizons) {
            Dataset<Row> recent = since(fit, fitEnd, years);
            validationAuc.put(
                new Candidate(TestScores.LR, years),
                auc(lr().fit(recent).transform(validation), "probability"));
            validationAuc.put(
                new Candidate(TestScores.GBT, years),
                auc(gbt().fit(recent).transform(validation), "probability"));
          }
          return null;
        });
    return validationAuc;
  }
}
