package io.stocklambda.batch.spark;

import com.github.rvesse.airline.annotations.Group;
import com.github.rvesse.airline.help.Help;
import io.stocklambda.commands.ComponentMain;
import io.stocklambda.commands.batch.BackfillOptions;
import io.stocklambda.commands.batch.SparkOptions;
import io.stocklambda.commands.batch.TrainOptions;
import io.stocklambda.commands.batch.ViewOptions;
import io.stocklambda.core.dataset.BackfillScope;
import io.stocklambda.core.dataset.MasterLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
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
    groups =
        @Group(
            name = "batch",
            description = "The batch layer",
            commands = {SparkMain.Train.class, SparkMain.View.class, SparkMain.Backfill.class}))
public final class SparkMain {

  private SparkMain() {}

  public static void main(String[] args) throws Exception {
    if (SparkSessions.insideYarn()) {
      // the driver of a cluster-mode run: YARN's application master reports how it ended once
      // main returns, which an exit would cut short (the application would end FAILED)
      int status = ComponentMain.execute(SparkMain.class, args);
      if (status != 0) {
        throw new IllegalStateException(
            "stocklambda " + String.join(" ", args) + ": status " + status);
      }
      return;
    }
    ComponentMain.main("batch-spark", SparkMain.class, args);
  }

  /** Runs a job in a Spark session of the command's master, stopped afterwards. */
  private static int inSession(
      SparkOptions options, java.util.function.Consumer<SparkSession> job) {
    String app = "stocklambda " + String.join(" ", options.words());
    if (options.deployMode.equals("cluster") && !SparkSessions.insideYarn()) {
      return YarnClusterRun.submit(app, options, System.out);
    }
    SparkSession spark = SparkSessions.create(app, options);
    try {
      job.accept(spark);
    } finally {
      spark.stop();
    }
    return 0;
  }

  /** {@code stocklambda batch train}. */
  public static final class Train extends TrainOptions implements ComponentMain.Executable {
    @Override
    public int execute() {
      return inSession(this, this::run);
    }

    private void run(SparkSession spark) {
      new ModelTrainingJob(
              spark,
              new TrainingConfig(
                  dataset.hdfs,
                  dataset.layout(),
                  training,
                  window,
                  LocalDate.parse(cutoff),
                  promotionMonths,
                  validationYears,
                  Arrays.stream(trainYears.split(","))
                      .map(String::trim)
                      .map(Integer::valueOf)
                      .toList(),
                  version,
                  gbtIterations,
                  gbtDepth,
                  42L,
                  promote,
                  maxTrainRows,
                  maxEvalRows,
                  features),
              System.out)
          .run();
    }
  }

  /** {@code stocklambda batch view}. */
  public static final class View extends ViewOptions implements ComponentMain.Executable {
    @Override
    public int execute() {
      return inSession(this, this::run);
    }

    private void run(SparkSession spark) {
      new BatchViewJob(
              spark,
              new BatchViewJob.Config(dataset.hdfs, dataset.layout(), training, model, run),
              System.out)
          .run();
    }
  }

  /** {@code stocklambda batch backfill}: the batch view of a range of dates and stocks. */
  public static final class Backfill extends BackfillOptions implements ComponentMain.Executable {
    @Override
    public int execute() {
      return inSession(this, this::run);
    }

    private void run(SparkSession spark) {
      BackfillScope scope = BackfillScope.parse(from, to, stocks);
      MasterLayout layout = dataset.layout();
      String trainingRun = training != null ? training : newestTrainingSet(spark, layout);
      new BatchViewJob(
              spark,
              new BatchViewJob.Config(dataset.hdfs, layout, trainingRun, model, run, scope),
              System.out)
          .run();
    }

    private String newestTrainingSet(SparkSession spark, MasterLayout layout) {
      try {
        Path dir = new Path(SparkSessions.qualify(dataset.hdfs, layout.trainingSets()));
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(dir)) {
          throw new IllegalArgumentException(
              "no training set under " + dir + "; run 'stocklambda batch windows' first");
        }
        Optional<FileStatus> newest =
            Arrays.stream(fs.listStatus(dir))
                .filter(FileStatus::isDirectory)
                .filter(st -> exists(fs, new Path(st.getPath(), MasterLayout.DONE)))
                .max(Comparator.comparingLong(FileStatus::getModificationTime));
        return newest
            .map(st -> st.getPath().getName())
            .orElseThrow(
                () -> new IllegalArgumentException("no complete training set under " + dir));
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
