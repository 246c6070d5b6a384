package io.stocklambda.cli.batch;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.cli.CliCommand;
import io.stocklambda.cli.launch.ComponentLauncher;
import io.stocklambda.core.dataset.MasterLayout;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code stocklambda batch run}: the whole batch layer, each job in its own JVM: training set
 * (MapReduce), model (Spark), batch view (Spark), and optionally publishing the serving model.
 */
@Command(name = "run", description = "The whole batch layer: windows, train, view (and --publish), each job in its own JVM")
public final class BatchRunCommand extends CliCommand {

  @Option(name = "--hdfs", title = "hdfs", description = "File system of the dataset (default hdfs://127.0.0.1:8020)")
  String hdfs = "hdfs://127.0.0.1:8020";

  @Option(name = "--root", title = "root", description = "Root of the dataset (default /stocklambda)")
  String root = MasterLayout.DEFAULT_ROOT;

  @Option(name = "--window", title = "window", description = "Ticks per window (default 5)")
  @IntegerRange(min = 2, max = 250)
  int window = 5;

  @Option(name = "--cutoff", title = "cutoff", description = "First date of the test period (default 2010-01-01)")
  String cutoff = "2010-01-01";

  @Option(name = "--validation-years", title = "validation-years", description = "Years before the cutoff that choose between the model families (default 2)")
  @IntegerRange(min = 1, max = 50)
  int validationYears = 2;

  @Option(name = "--run", title = "run", description = "Name of the training set, model version and view (default: the time)")
  String run = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());

  @Option(name = "--publish", description = "Publish the CURRENT model to the 'models' topic at the end")
  boolean publish;

  @Option(name = "--bootstrap", title = "bootstrap", description = "Kafka bootstrap servers for --publish (default 127.0.0.1:9092)")
  String bootstrap = "127.0.0.1:9092";

  @Override
  protected int execute() {
    return new BatchPipeline(hdfs, root, window, cutoff, validationYears, run, publish ? bootstrap : null)
        .run(ComponentLauncher.fromDistribution(), out());
  }
}
