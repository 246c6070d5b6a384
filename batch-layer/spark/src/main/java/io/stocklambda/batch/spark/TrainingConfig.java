package io.stocklambda.batch.spark;

import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.feature.FeatureSpec;
import io.stocklambda.core.feature.FeatureSpecs;
import java.time.LocalDate;
import java.util.List;

/**
 * What a training run is told: where the training set is, the time split, the search, the samples
 * and the promotion rule.
 *
 * @param trainYears how many years before the end of training to learn from, the candidates the
 *     validation slice chooses among (0: all history); markets change, and old years can teach the
 *     wrong lesson
 * @param promotionMonths the most recent months of labeled windows, where the promotion decision is
 *     taken ({@link Periods#promotionStart})
 * @param promote {@code auto} (see {@link Promotion}), {@code always}, or {@code never}
 * @param features the feature spec the models learn from (core's {@link FeatureSpecs}, default
 *     {@link FeatureSpecs#MODEL})
 */
public record TrainingConfig(
    String hdfs,
    MasterLayout layout,
    String trainingRun,
    int windowSize,
    LocalDate cutoff,
    int promotionMonths,
    int validationYears,
    List<Integer> trainYears,
    String version,
    int gbtIterations,
    int gbtDepth,
    long seed,
    String promote,
    long maxTrainRows,
    long maxEvalRows,
    String features) {
  public TrainingConfig {
    FeatureSpecs.of(features, windowSize); // an unknown spec or a window too small is refused
    trainYears = List.copyOf(trainYears);
    if (trainYears.isEmpty() || trainYears.stream().anyMatch(y -> y < 0)) {
      throw new IllegalArgumentException("--train-years must list years (0 for all history)");
    }
    Promotion.parse(promote);
    if (promotionMonths < 1 || validationYears < 1) {
      throw new IllegalArgumentException(
          "--promotion-months and --validation-years must be at least 1");
    }
    if (maxTrainRows < 1000 || maxEvalRows < 1000) {
      throw new IllegalArgumentException(
          "--max-train-rows and --max-eval-rows must be at least 1000");
    }
  }

  public TrainingConfig(
      String hdfs,
      MasterLayout layout,
      String trainingRun,
      int windowSize,
      LocalDate cutoff,
      int promotionMonths,
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
        promotionMonths,
        validationYears,
        trainYears,
        version,
        gbtIterations,
        gbtDepth,
        seed,
        promote,
        io.stocklambda.commands.batch.TrainOptions.DEFAULT_MAX_TRAIN_ROWS,
        io.stocklambda.commands.batch.TrainOptions.DEFAULT_MAX_EVAL_ROWS,
        FeatureSpecs.MODEL);
  }

  /** The models' feature spec. */
  public FeatureSpec featureSpec() {
    return FeatureSpecs.of(features, windowSize);
  }

  /** The training options by name, as a model's lineage records them. */
  public java.util.Map<String, String> parameters() {
    java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
    p.put("window", Integer.toString(windowSize));
    p.put("cutoff", cutoff.toString());
    p.put("promotion-months", Integer.toString(promotionMonths));
    p.put("validation-years", Integer.toString(validationYears));
    p.put("train-years", String.join(",", trainYears.stream().map(String::valueOf).toList()));
    p.put("gbt-iterations", Integer.toString(gbtIterations));
    p.put("gbt-depth", Integer.toString(gbtDepth));
    p.put("seed", Long.toString(seed));
    p.put("promote", promote);
    p.put("max-train-rows", Long.toString(maxTrainRows));
    p.put("max-eval-rows", Long.toString(maxEvalRows));
    p.put("features", features);
    return p;
  }
}
