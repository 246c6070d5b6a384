package io.stocklambda.cli.batch;

import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.Required;
import io.stocklambda.cli.CliCommand;
import io.stocklambda.cli.launch.ComponentLauncher;
import io.stocklambda.commands.ComponentOptions;
import io.stocklambda.commands.DatasetLocation;
import io.stocklambda.commands.batch.BackfillOptions;
import io.stocklambda.commands.serving.ServingOptions;
import io.stocklambda.commands.serving.StoreLocation;
import io.stocklambda.core.config.Defaults;
import io.stocklambda.core.dataset.BackfillScope;
import java.util.List;
import java.util.Map;

/**
 * {@code stocklambda backfill}: historical predictions for a range of dates (and stocks) with a
 * chosen model, computed by Spark from the training set's windows and loaded into the served batch
 * view in HBase and Elasticsearch under the same keys, so running it twice gives the same rows.
 */
@Command(
    name = "backfill",
    description =
        "Historical predictions for a date range (and stocks) with a chosen model, into HBase and "
            + "Elasticsearch through the batch-view path; idempotent")
public final class BackfillCommand extends CliCommand {

  @Option(name = "--from", title = "from", description = "First date, yyyy-MM-dd")
  @Required
  String from;

  @Option(
      name = "--to",
      title = "to",
      description =
          "Last date, yyyy-MM-dd; dates after the served batch view's horizon are the speed layer's and are skipped")
  @Required
  String to;

  @Option(
      name = "--stocks",
      title = "stocks",
      description = "Comma-separated symbols, e.g. ibm.us,aapl (default: every stock)")
  String stocks;

  @Option(
      name = "--model",
      title = "model",
      description = "Model version (see 'stocklambda model list'), or current (the default)")
  String model = "current";

  @Option(
      name = "--training",
      title = "training",
      description = "Training set whose windows to score (default: the newest complete one)")
  String training;

  @AirlineModule DatasetLocation dataset = new DatasetLocation();

  @AirlineModule StoreLocation stores = new StoreLocation();

  @Override
  protected int execute() {
    BackfillScope scope =
        BackfillScope.parse(from, to, stocks); // bad ranges fail here, before any JVM starts
    String run = "backfill-" + Defaults.runId();
    BackfillOptions compute = new BackfillOptions();
    compute.from = scope.from().toString();
    compute.to = scope.to().toString();
    compute.stocks = scope.stocks().isEmpty() ? null : String.join(",", scope.stocks());
    compute.model = model;
    compute.training = training;
    compute.run = run;
    compute.dataset = dataset;
    ServingOptions.LoadBackfill load = new ServingOptions.LoadBackfill();
    load.run = run;
    load.dataset = dataset;
    load.stores = stores;
    ComponentLauncher launcher = ComponentLauncher.fromDistribution();
    out().println("backfill " + run + ": " + scope.describe() + ", model " + model);
    long started = System.nanoTime();
    try {
      for (ComponentOptions step : List.of(compute, load)) {
        String title = String.join(" ", step.words());
        out().printf("== stocklambda %s%n", title);
        int status = launcher.runForeground(step, Map.of());
        if (status != 0) {
          out()
              .printf(
                  "backfill stopped: '%s' exited with %d; rerunning the same backfill is safe%n",
                  title, status);
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
