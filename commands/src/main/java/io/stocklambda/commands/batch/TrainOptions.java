package io.stocklambda.commands.batch;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.AllowedRawValues;
import com.github.rvesse.airline.annotations.restrictions.Required;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.core.config.Defaults;
import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.window.Window;

/** {@code stocklambda batch train}. */
@Command(
    name = "train",
    description =
        "Spark MLlib: train and evaluate against baselines on a time split; promote only if better than the serving model on the latest months; serve a refit on all data")
public class TrainOptions extends SparkOptions {

  /** Windows the final fits learn from at most (see {@code --max-train-rows}). */
  public static final long DEFAULT_MAX_TRAIN_ROWS = 1_000_000;

  /**
   * Windows the validation slice and the test period are each judged on at most (see {@code
   * --max-eval-rows}).
   */
  public static final long DEFAULT_MAX_EVAL_ROWS = 500_000;

  /** First date of the test period by default. */
  public static final String DEFAULT_CUTOFF = "2010-01-01";

  /** Years before the cutoff that choose between the model families by default. */
  public static final int DEFAULT_VALIDATION_YEARS = 2;

  /** The training-history candidates, in years (0 is all), that validation chooses among. */
  public static final String DEFAULT_TRAIN_YEARS = "10,20,0";

  /** Boosting rounds of the gradient-boosted trees. */
  public static final int DEFAULT_GBT_ITERATIONS = 60;

  /**
   * Months of the promotion slice: about 63 trading days; on the whole Kaggle set some 130,000
   * sampled windows (an AUC standard error near 0.0016), on the 104 shared files some 6,000 (near
   * 0.007). A quarter of the default one-year test period, so the test period keeps most of it.
   */
  public static final int DEFAULT_PROMOTION_MONTHS = 3;

  @Option(
      name = "--training",
      title = "training",
      description = "The training set run to learn from (see 'batch windows')")
  @Required
  public String training;

  @Option(
      name = "--window",
      title = "window",
      description = "Ticks per window of that training set (default 5)")
  @IntegerRange(min = 2, max = 250)
  public int window = Window.DEFAULT_SIZE;

  @Option(
      name = "--cutoff",
      title = "cutoff",
      description =
          "First date of the test period; no window whose label row (the stock's next row) is on or after it is trained on (default "
              + DEFAULT_CUTOFF
              + ")")
  public String cutoff = DEFAULT_CUTOFF;

  @Option(
      name = "--features",
      title = "spec",
      description =
          "Feature spec the models learn from: returns-liquidity (default: returns, traded value and its interaction "
              + "with the last move), returns (the earlier spec), thesis-raw (the window's closes)")
  @AllowedRawValues(allowedValues = {"returns-liquidity", "returns", "thesis-raw"})
  public String features = FeatureSpecs.MODEL;

  @Option(
      name = "--promotion-months",
      title = "promotion-months",
      description =
          "The most recent months of labeled windows, after the test period, on which the new model must beat the serving "
              + "one to replace it (default 3; at most the later half of the time after the cutoff)")
  @IntegerRange(min = 1, max = 120)
  public int promotionMonths = DEFAULT_PROMOTION_MONTHS;

  @Option(
      name = "--validation-years",
      title = "validation-years",
      description = "Years before the cutoff that choose between the model families (default 2)")
  @IntegerRange(min = 1, max = 50)
  public int validationYears = DEFAULT_VALIDATION_YEARS;

  @Option(
      name = "--train-years",
      title = "train-years",
      description =
          "Years of history to learn from, the candidates validation chooses among; 0 is all (default 10,20,0)")
  public String trainYears = DEFAULT_TRAIN_YEARS;

  @Option(
      name = "--gbt-iterations",
      title = "gbt-iterations",
      description = "Boosting rounds (default 60)")
  @IntegerRange(min = 1, max = 1000)
  public int gbtIterations = DEFAULT_GBT_ITERATIONS;

  @Option(name = "--gbt-depth", title = "gbt-depth", description = "Tree depth (default 4)")
  @IntegerRange(min = 1, max = 20)
  public int gbtDepth = 4;

  @Option(
      name = "--version",
      title = "version",
      description = "The new model's version (default: the time, e.g. 20261126-172800)")
  public String version = Defaults.runId();

  @Option(
      name = "--max-train-rows",
      title = "max-train-rows",
      description =
          "Windows the final fits learn from at most, a seeded "
              + "uniform sample of the period above it; each candidate of the model search learns from a quarter of it (default "
              + "1,000,000: a model of 10 features gains little from more, and the full Kaggle set trains in about 5 minutes on 2 cores; "
              + "raise it on a cluster)")
  public long maxTrainRows = DEFAULT_MAX_TRAIN_ROWS;

  @Option(
      name = "--max-eval-rows",
      title = "max-eval-rows",
      description =
          "Windows the validation slice and the test period are each "
              + "judged on at most, a seeded sample above it (default 500,000: an AUC standard error near 0.0008)")
  public long maxEvalRows = DEFAULT_MAX_EVAL_ROWS;

  @Option(
      name = "--promote",
      title = "promote",
      description =
          "auto (default): make it CURRENT if none serves, or if its evaluated fit beats the serving model's on the "
              + "promotion slice by DeLong's paired test at the one-sided 5% level; always; never")
  @AllowedRawValues(allowedValues = {"auto", "always", "never"})
  public String promote = "auto";
}
