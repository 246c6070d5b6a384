package io.stocklambda.cli.batch;

import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.cli.CliCommand;
import io.stocklambda.cli.launch.ComponentLauncher;
import io.stocklambda.commands.DatasetLocation;
import io.stocklambda.commands.batch.BatchPipeline;
import io.stocklambda.commands.batch.TrainOptions;
import io.stocklambda.commands.serving.StoreLocation;
import io.stocklambda.core.config.Defaults;
import io.stocklambda.core.window.Window;

/**
 * {@code stocklambda batch run}: the {@link BatchPipeline}, each job in its own JVM: training set
 * (MapReduce), model (Spark), with {@code --publish} the promoted model to the speed layer, batch
 * view (Spark), and with {@code --serve} the view swapped into the serving stores.
 */
@Command(
    name = "run",
    description =
        "The whole batch layer: windows, train, (--publish: the promoted model to the speed layer), view, "
            + "(--serve: the view swapped into HBase and Elasticsearch), each job in its own JVM; the order the Oozie workflow runs")
public final class BatchRunCommand extends CliCommand {

  @AirlineModule DatasetLocation dataset = new DatasetLocation();

  @Option(name = "--window", title = "window", description = "Ticks per window (default 5)")
  @IntegerRange(min = 2, max = 250)
  int window = Window.DEFAULT_SIZE;

  @Option(
      name = "--cutoff",
      title = "cutoff",
      description = "First date of the test period (default " + TrainOptions.DEFAULT_CUTOFF + ")")
  String cutoff = TrainOptions.DEFAULT_CUTOFF;

  @Option(
      name = "--validation-years",
      title = "validation-years",
      description = "Years before the cutoff that choose between the model families (default 2)")
  @IntegerRange(min = 1, max = 50)
  int validationYears = TrainOptions.DEFAULT_VALIDATION_YEARS;

  @Option(
      name = "--run",
      title = "run",
      description = "Name of the training set, model version and view (default: the time)")
  String run = Defaults.runId();

  @Option(
      name = "--master",
      title = "master",
      description = "Spark master of the Spark jobs (default " + Defaults.SPARK_MASTER + ")")
  String master = Defaults.SPARK_MASTER;

  @Option(
      name = "--publish",
      description = "Publish the model to the 'models' topic if it was promoted to CURRENT")
  boolean publish;

  @Option(
      name = "--bootstrap",
      title = "bootstrap",
      description =
          "Kafka bootstrap servers for --publish (default " + Defaults.KAFKA_BOOTSTRAP + ")")
  String bootstrap = Defaults.KAFKA_BOOTSTRAP;

  @Option(
      name = "--serve",
      description =
          "Load the view into the serving stores (--zookeeper, --elasticsearch) and swap it in whole")
  boolean serve;

  @AirlineModule StoreLocation stores = new StoreLocation();

  @Override
  protected int execute() {
    BatchPipeline pipeline =
        new BatchPipeline(
            dataset.hdfs,
            dataset.root,
            window,
            cutoff,
            validationYears,
            run,
            master,
            publish ? bootstrap : null,
            serve ? stores : null);
    return new PipelineRunner(ComponentLauncher.fromDistribution(), out()).run(pipeline);
  }
}
