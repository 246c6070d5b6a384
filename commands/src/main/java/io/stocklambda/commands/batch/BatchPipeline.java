package io.stocklambda.commands.batch;

import io.stocklambda.commands.ComponentOptions;
import io.stocklambda.commands.ingest.ModelOptions;
import io.stocklambda.commands.serving.ServingOptions;
import io.stocklambda.commands.serving.StoreLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The batch layer's run, defined once: {@code batch run}, {@code demo}, {@code bench batch} run
 * these steps in this order, and the Oozie workflow's actions are checked against them ({@code
 * OozieWorkflowTest}).
 *
 * <ol>
 *   <li>{@code windows}: the training set (MapReduce);
 *   <li>{@code train}: a model (Spark MLlib), promoted to CURRENT by the promotion rule;
 *   <li>{@code check}: whether the new model is CURRENT, written as {@code promoted=true|false} to
 *       the file named by the {@code oozie.action.output.properties} system property (Oozie's
 *       capture-output protocol, which the local runner speaks too);
 *   <li>{@code publish}, only if promoted: the model to the {@code models} topic, so the speed
 *       layer swaps to it (the speed layer is up to date before the view, which takes longest);
 *   <li>{@code view}: the batch view with the CURRENT model (Spark);
 *   <li>{@code swap}: the serving layer loads the view and swaps it in whole.
 * </ol>
 *
 * A run without Kafka leaves out check and publish; one without stores leaves out swap.
 *
 * @param window ticks per window
 * @param cutoff first date of the test period, {@code yyyy-MM-dd}
 * @param validationYears years before the cutoff that choose between model families
 * @param run name of the training set, model version and view
 * @param bootstrap Kafka for publishing, or null not to publish
 * @param stores the serving stores for the swap, or null not to serve the view
 */
public record BatchPipeline(
    String hdfs,
    String root,
    int window,
    String cutoff,
    int validationYears,
    String run,
    String sparkMaster,
    String bootstrap,
    StoreLocation stores) {

  /** When a step runs. */
  public enum When {
    ALWAYS,
    /** Only if the {@code check} step found the trained model promoted to CURRENT. */
    IF_PROMOTED
  }

  /**
   * One step: its name (the Oozie action's), its typed command, and when it runs.
   *
   * @param capturesOutput whether the step reports its result through Oozie's capture-output file
   */
  public record Step(String name, ComponentOptions command, When when, boolean capturesOutput) {}

  public BatchPipeline {
    Objects.requireNonNull(hdfs, "hdfs");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(sparkMaster, "sparkMaster");
  }

  /** The steps in order. */
  public List<Step> steps() {
    List<Step> steps = new ArrayList<>();
    WindowsOptions windows = new WindowsOptions();
    dataset(windows);
    windows.run = run;
    windows.window = window;
    steps.add(new Step("windows", windows, When.ALWAYS, false));

    TrainOptions train = new TrainOptions();
    spark(train);
    train.training = run;
    train.version = run;
    train.window = window;
    train.cutoff = cutoff;
    train.validationYears = validationYears;
    steps.add(new Step("train", train, When.ALWAYS, false));

    if (bootstrap != null) {
      ModelOptions.Current check = new ModelOptions.Current();
      dataset(check);
      check.is = run;
      steps.add(new Step("check", check, When.ALWAYS, true));
      ModelOptions.Publish publish = new ModelOptions.Publish();
      dataset(publish);
      publish.version = run;
      publish.bootstrap = bootstrap;
      steps.add(new Step("publish", publish, When.IF_PROMOTED, false));
    }

    ViewOptions view = new ViewOptions();
    spark(view);
    view.training = run;
    view.run = run;
    steps.add(new Step("view", view, When.ALWAYS, false));

    if (stores != null) {
      ServingOptions.LoadBatch swap = new ServingOptions.LoadBatch();
      swap.dataset.at(hdfs, root);
      swap.view = run;
      swap.stores = stores;
      steps.add(new Step("swap", swap, When.ALWAYS, false));
    }
    return steps;
  }

  private void dataset(io.stocklambda.commands.DatasetOptions options) {
    options.dataset.at(hdfs, root);
  }

  private void spark(SparkOptions options) {
    dataset(options);
    options.master = sparkMaster;
  }
}
