package io.stocklambda.cli.batch;

import io.stocklambda.cli.launch.Component;
import io.stocklambda.cli.launch.ComponentLauncher;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The batch layer's jobs in order, each in its own JVM: training set (MapReduce), model (Spark),
 * batch view (Spark), and optionally publishing the serving model to Kafka. {@code batch run} and
 * {@code demo} both run it.
 *
 * @param cutoff first date of the test period, {@code yyyy-MM-dd}
 * @param run name of the training set, model version and view
 * @param validationYears years before the cutoff that choose between model families
 * @param bootstrap Kafka for publishing, or null not to publish
 */
public record BatchPipeline(String hdfs, String root, int window, String cutoff, int validationYears, String run, String bootstrap) {

  /** The jobs' command lines, in order. */
  public List<Step> steps() {
    List<String> where = List.of("--hdfs", hdfs, "--root", root);
    List<Step> steps = new ArrayList<>(List.of(
        new Step(Component.BATCH_MAPREDUCE, with(List.of("batch", "windows", "--run", run, "--window", "" + window), where)),
        new Step(Component.BATCH_SPARK, with(List.of("batch", "train", "--training", run, "--version", run, "--window", "" + window,
            "--cutoff", cutoff, "--validation-years", "" + validationYears), where)),
        new Step(Component.BATCH_SPARK, with(List.of("batch", "view", "--training", run, "--run", run), where))));
    if (bootstrap != null) {
      steps.add(new Step(Component.INGEST, with(List.of("model", "publish", "--bootstrap", bootstrap), where)));
    }
    return steps;
  }

  /**
   * Runs the steps in the foreground, stopping at the first that fails.
   *
   * @return 0, or the exit code of the step that failed (130 if interrupted)
   */
  public int run(ComponentLauncher launcher, PrintStream out) {
    long started = System.nanoTime();
    for (Step step : steps()) {
      out.printf("== stocklambda %s%n", step.title());
      long t = System.nanoTime();
      try {
        int status = launcher.runForeground(step.component(), step.args());
        if (status != 0) {
          out.printf("batch run stopped: '%s' exited with %d%n", step.title(), status);
          return status;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 130;
      }
      out.printf("== %s done in %.1f s%n%n", step.title(), (System.nanoTime() - t) / 1e9);
    }
    out.printf("batch run %s done in %.1f s%n", run, (System.nanoTime() - started) / 1e9);
    return 0;
  }

  private static List<String> with(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** One job: its component and its command line. */
  public record Step(Component component, List<String> args) {
    public String title() {
      return String.join(" ", args.subList(0, 2));
    }
  }
}
