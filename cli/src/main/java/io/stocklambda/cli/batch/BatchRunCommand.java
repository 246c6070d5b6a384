package io.stocklambda.cli.batch;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.cli.CliCommand;
import io.stocklambda.cli.launch.Component;
import io.stocklambda.cli.launch.ComponentLauncher;
import io.stocklambda.core.dataset.MasterLayout;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

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

  @Option(name = "--run", title = "run", description = "Name of the training set, model version and view (default: the time)")
  String run = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());

  @Option(name = "--publish", description = "Publish the CURRENT model to the 'models' topic at the end")
  boolean publish;

  @Option(name = "--bootstrap", title = "bootstrap", description = "Kafka bootstrap servers for --publish (default 127.0.0.1:9092)")
  String bootstrap = "127.0.0.1:9092";

  @Override
  protected int execute() {
    ComponentLauncher launcher = ComponentLauncher.fromDistribution();
    List<String> where = List.of("--hdfs", hdfs, "--root", root);
    List<Step> steps = new ArrayList<>(List.of(
        new Step(Component.BATCH_MAPREDUCE, with(List.of("batch", "windows", "--run", run, "--window", "" + window), where)),
        new Step(Component.BATCH_SPARK, with(List.of("batch", "train", "--training", run, "--version", run, "--window", "" + window,
            "--cutoff", cutoff), where)),
        new Step(Component.BATCH_SPARK, with(List.of("batch", "view", "--training", run, "--run", run), where))));
    if (publish) {
      steps.add(new Step(Component.INGEST, with(List.of("model", "publish", "--bootstrap", bootstrap), where)));
    }
    long started = System.nanoTime();
    for (Step step : steps) {
      out().printf("== stocklambda %s%n", String.join(" ", step.args.subList(0, 2)));
      long t = System.nanoTime();
      try {
        int status = launcher.runForeground(step.component, step.args);
        if (status != 0) {
          out().printf("batch run stopped: '%s' exited with %d%n", String.join(" ", step.args.subList(0, 2)), status);
          return status;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 130;
      }
      out().printf("== %s done in %.1f s%n%n", step.args.get(1), (System.nanoTime() - t) / 1e9);
    }
    out().printf("batch run %s done in %.1f s%n", run, (System.nanoTime() - started) / 1e9);
    return 0;
  }

  private static List<String> with(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private record Step(Component component, List<String> args) {}
}
