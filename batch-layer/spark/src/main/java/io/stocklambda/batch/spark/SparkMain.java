package io.stocklambda.batch.spark;

import io.stocklambda.core.progress.ProcessLifecycle;
import com.github.rvesse.airline.Cli;
import com.github.rvesse.airline.HelpOption;
import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Group;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.AllowedRawValues;
import com.github.rvesse.airline.annotations.restrictions.Required;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import com.github.rvesse.airline.help.Help;
import com.github.rvesse.airline.parser.errors.ParseException;
import io.stocklambda.core.dataset.BackfillScope;
import io.stocklambda.core.dataset.MasterLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Entry point of the Spark part of the batch layer: {@code stocklambda batch train|view}. */
@com.github.rvesse.airline.annotations.Cli(
    name = "stocklambda",
    description = "stocklambda batch layer (Spark)",
    commands = {Help.class},
    groups = @Group(name = "batch", description = "The batch layer", commands = {SparkMain.Train.class, SparkMain.View.class, SparkMain.Backfill.class}))
public final class SparkMain {

  private SparkMain() {}

  public static void main(String[] args) {
    ProcessLifecycle.install("stocklambda batch-spark");
    int status = 0;
    try {
      new Cli<Runnable>(SparkMain.class).parse(args).run();
    } catch (ParseException | IllegalArgumentException e) {
      System.err.println("stocklambda: " + e.getMessage());
      status = 2;
    } catch (RuntimeException e) {
      System.err.println("stocklambda: batch job failed: " + e);
      e.printStackTrace();
      status = 1;
    }
    System.exit(status);
  }

  static String now() {
    return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
  }

  /** Options every Spark command shares. */
  abstract static class SparkCommand implements Runnable {
    @AirlineModule
    private HelpOption<SparkCommand> help;

    @Option(name = "--hdfs", title = "hdfs", description = "File system of the dataset (default hdfs://127.0.0.1:8020)")
    String hdfs = "hdfs://127.0.0.1:8020";

    @Option(name = "--root", title = "root", description = "Root of the dataset (default /stocklambda)")
    String root = MasterLayout.DEFAULT_ROOT;

    @Option(name = "--master", title = "master", description = "Spark master (default local[2])")
    String master = "local[2]";

    @Override
    public final void run() {
      if (help.showHelpIfRequested()) {
        return;
      }
      SparkSession spark = SparkSessions.create("stocklambda " + getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT), master);
      try {
        run(spark);
      } finally {
        spark.stop();
      }
    }

    abstract void run(SparkSession spark);
  }

  /** {@code stocklambda batch train}. */
  @Command(name = "train", description = "Spark MLlib: train and evaluate against baselines on a time split; promote only if better than the serving model")
  public static final class Train extends SparkCommand {
    @Option(name = "--training", title = "training", description = "The training set run to learn from (see 'batch windows')")
    @Required
    String training;

    @Option(name = "--window", title = "window", description = "Ticks per window of that training set (default 5)")
    @IntegerRange(min = 2, max = 250)
    int window = io.stocklambda.core.window.Window.DEFAULT_SIZE;

    @Option(name = "--cutoff", title = "cutoff", description = "First date of the test period; training ends an embargo before it (default 2010-01-01)")
    String cutoff = "2010-01-01";

    @Option(name = "--embargo-days", title = "embargo-days", description = "Days between the last training window and the cutoff, so no label comes from the test period (default 7)")
    @IntegerRange(min = 0, max = 365)
    int embargoDays = 7;

    @Option(name = "--validation-years", title = "validation-years", description = "Years before the cutoff that choose between the model families (default 2)")
    @IntegerRange(min = 1, max = 50)
    int validationYears = 2;

    @Option(name = "--train-years", title = "train-years", description = "Years of history to learn from, the candidates validation chooses among; 0 is all (default 10,20,0)")
    String trainYears = "10,20,0";

    @Option(name = "--gbt-iterations", title = "gbt-iterations", description = "Boosting rounds (default 60)")
    @IntegerRange(min = 1, max = 1000)
    int gbtIterations = 60;

    @Option(name = "--gbt-depth", title = "gbt-depth", description = "Tree depth (default 4)")
    @IntegerRange(min = 1, max = 20)
    int gbtDepth = 4;

    @Option(name = "--version", title = "version", description = "The new model's version (default: the time, e.g. 20261126-172800)")
    String version = now();

    @Option(name = "--max-train-rows", title = "max-train-rows", description = "Windows the final fits learn from at most, a seeded "
        + "uniform sample of the period above it; each candidate of the model search learns from a quarter of it (default "
        + "1,000,000: a model of 10 features gains little from more, and the full Kaggle set trains in about 5 minutes on 2 cores; "
        + "raise it on a cluster)")
    long maxTrainRows = ModelTrainingJob.Config.DEFAULT_MAX_TRAIN_ROWS;

    @Option(name = "--max-eval-rows", title = "max-eval-rows", description = "Windows the validation slice and the test period are each "
        + "judged on at most, a seeded sample above it (default 500,000: an AUC standard error near 0.0008)")
    long maxEvalRows = ModelTrainingJob.Config.DEFAULT_MAX_EVAL_ROWS;

    @Option(name = "--promote", title = "promote", description = "auto (default): make it CURRENT if it beats the serving model on the test period; always; never")
    @AllowedRawValues(allowedValues = {"auto", "always", "never"})
    String promote = "auto";

    @Override
    void run(SparkSession spark) {
      new ModelTrainingJob(spark, new ModelTrainingJob.Config(hdfs, new MasterLayout(root), training, window, LocalDate.parse(cutoff),
          embargoDays, validationYears, Arrays.stream(trainYears.split(",")).map(String::trim).map(Integer::valueOf).toList(),
          version, gbtIterations, gbtDepth, 42L, promote, maxTrainRows, maxEvalRows), System.out).run();
    }
  }

  /** {@code stocklambda batch view}. */
  @Command(name = "view", description = "Spark: score every window of history with a model through core's scorer; the batch view with its horizon")
  public static final class View extends SparkCommand {
    @Option(name = "--training", title = "training", description = "The training set run whose windows to score")
    @Required
    String training;

    @Option(name = "--model", title = "model", description = "Model version, or current (the default)")
    String model = "current";

    @Option(name = "--run", title = "run", description = "Name of the view, under batch/views/ (default: the time)")
    String run = now();

    @Override
    void run(SparkSession spark) {
      new BatchViewJob(spark, new BatchViewJob.Config(hdfs, new MasterLayout(root), training, model, run), System.out).run();
    }
  }

  /** {@code stocklambda batch backfill}: the batch view of a range of dates and stocks. */
  @Command(name = "backfill", description = "Spark: score the windows of a date range (and stocks) with a chosen model, under batch/backfills/")
  public static final class Backfill extends SparkCommand {
    @Option(name = "--from", title = "from", description = "First date, yyyy-MM-dd")
    @Required
    String from;

    @Option(name = "--to", title = "to", description = "Last date, yyyy-MM-dd")
    @Required
    String to;

    @Option(name = "--stocks", title = "stocks", description = "Comma-separated symbols, e.g. ibm.us,aapl.us (default: every stock)")
    String stocks;

    @Option(name = "--model", title = "model", description = "Model version, or current (the default)")
    String model = "current";

    @Option(name = "--training", title = "training", description = "The training set run whose windows to score (default: the newest complete one)")
    String training;

    @Option(name = "--run", title = "run", description = "Name of the backfill, under batch/backfills/ (default: backfill-<time>)")
    String run = "backfill-" + now();

    @Override
    void run(SparkSession spark) {
      BackfillScope scope = BackfillScope.parse(from, to, stocks);
      MasterLayout layout = new MasterLayout(root);
      String trainingRun = training != null ? training : newestTrainingSet(spark, layout);
      new BatchViewJob(spark, new BatchViewJob.Config(hdfs, layout, trainingRun, model, run, scope), System.out).run();
    }

    private String newestTrainingSet(SparkSession spark, MasterLayout layout) {
      try {
        Path dir = new Path(SparkSessions.qualify(hdfs, layout.trainingSets()));
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(dir)) {
          throw new IllegalArgumentException("no training set under " + dir + "; run 'stocklambda batch windows' first");
        }
        Optional<FileStatus> newest = Arrays.stream(fs.listStatus(dir))
            .filter(FileStatus::isDirectory)
            .filter(st -> exists(fs, new Path(st.getPath(), MasterLayout.DONE)))
            .max(Comparator.comparingLong(FileStatus::getModificationTime));
        return newest.map(st -> st.getPath().getName())
            .orElseThrow(() -> new IllegalArgumentException("no complete training set under " + dir));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list the training sets", e);
      }
    }

    private static boolean exists(FileSystem fs, Path path) {
      try {
        return fs.exists(path);
      } catch (IOException e) {
        return false;
      }
    }
  }
}
