package io.stocklambda.cli.batch;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.Required;
import io.stocklambda.cli.CliCommand;
import io.stocklambda.cli.launch.Component;
import io.stocklambda.cli.launch.ComponentLauncher;
import io.stocklambda.core.dataset.BackfillScope;
import io.stocklambda.core.dataset.MasterLayout;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code stocklambda backfill}: historical predictions for a range of dates (and stocks) with a
 * chosen model, computed by Spark from the training set's windows and loaded into the served batch
 * view in HBase and Elasticsearch under the same keys, so running it twice gives the same rows.
 */
@Command(name = "backfill", description = "Historical predictions for a date range (and stocks) with a chosen model, into HBase and "
    + "Elasticsearch through the batch-view path; idempotent")
public final class BackfillCommand extends CliCommand {

  @Option(name = "--from", title = "from", description = "First date, yyyy-MM-dd")
  @Required
  String from;

  @Option(name = "--to", title = "to", description = "Last date, yyyy-MM-dd; dates after the served batch view's horizon are the speed layer's and are skipped")
  @Required
  String to;

  @Option(name = "--stocks", title = "stocks", description = "Comma-separated symbols, e.g. ibm.us,aapl (default: every stock)")
  String stocks;

  @Option(name = "--model", title = "model", description = "Model version (see 'stocklambda model list'), or current (the default)")
  String model = "current";

  @Option(name = "--training", title = "training", description = "Training set whose windows to score (default: the newest complete one)")
  String training;

  @Option(name = "--hdfs", title = "hdfs", description = "File system of the dataset (default hdfs://127.0.0.1:8020)")
  String hdfs = "hdfs://127.0.0.1:8020";

  @Option(name = "--root", title = "root", description = "Root of the dataset (default /stocklambda)")
  String root = MasterLayout.DEFAULT_ROOT;

  @Option(name = "--zookeeper", title = "host:port", description = "HBase's ZooKeeper quorum (default 127.0.0.1:2181)")
  String zookeeper = "127.0.0.1:2181";

  @Option(name = "--elasticsearch", title = "url", description = "Elasticsearch URL(s), comma-separated (default http://127.0.0.1:9200); "
      + "with security on, the credentials come from STOCKLAMBDA_ES_USER and STOCKLAMBDA_ES_PASSWORD")
  String elasticsearch = "http://127.0.0.1:9200";

  @Override
  protected int execute() {
    BackfillScope scope = BackfillScope.parse(from, to, stocks); // bad ranges fail here, before any JVM starts
    String run = "backfill-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    List<String> compute = new ArrayList<>(List.of("batch", "backfill", "--from", scope.from().toString(), "--to", scope.to().toString(),
        "--model", model, "--run", run, "--hdfs", hdfs, "--root", root));
    if (!scope.stocks().isEmpty()) {
      compute.addAll(List.of("--stocks", String.join(",", scope.stocks())));
    }
    if (training != null) {
      compute.addAll(List.of("--training", training));
    }
    List<String> load = List.of("serving", "load-backfill", "--run", run, "--hdfs", hdfs, "--root", root,
        "--zookeeper", zookeeper, "--elasticsearch", elasticsearch);
    ComponentLauncher launcher = ComponentLauncher.fromDistribution();
    out().println("backfill " + run + ": " + scope.describe() + ", model " + model);
    long started = System.nanoTime();
    try {
      for (BatchPipeline.Step step : List.of(new BatchPipeline.Step(Component.BATCH_SPARK, compute),
          new BatchPipeline.Step(Component.SERVING, load))) {
        out().printf("== stocklambda %s%n", step.title());
        int status = launcher.runForeground(step.component(), step.args());
        if (status != 0) {
          out().printf("backfill stopped: '%s' exited with %d; rerunning the same backfill is safe%n", step.title(), status);
          return status;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
    out().printf("backfill %s done in %.1f s%n", run, (System.nanoTime() - started) / 1e9);
    return 0;
  }
}
