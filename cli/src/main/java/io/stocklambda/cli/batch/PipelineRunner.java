package io.stocklambda.cli.batch;

import io.stocklambda.cli.launch.ComponentLauncher;
import io.stocklambda.commands.batch.BatchPipeline;
import io.stocklambda.commands.ingest.ModelOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Runs the {@link BatchPipeline} here, each step in its component's JVM in the foreground, as Oozie
 * runs it on a cluster: a step's exit code other than 0 stops the run, and a step that captures
 * output writes it to the file named by {@code oozie.action.output.properties}, from which {@code
 * IF_PROMOTED} steps are decided.
 */
public final class PipelineRunner {

  private final ComponentLauncher launcher;
  private final PrintStream out;

  public PipelineRunner(ComponentLauncher launcher, PrintStream out) {
    this.launcher = launcher;
    this.out = out;
  }

  /**
   * Runs the steps in order, stopping at the first that fails.
   *
   * @return 0, or the exit code of the step that failed (130 if interrupted)
   */
  public int run(BatchPipeline pipeline) {
    return run(pipeline, step -> {});
  }

  /**
   * As {@link #run(BatchPipeline)}, telling {@code beforeStep} of each step about to run (the demo
   * numbers its stages so).
   */
  public int run(
      BatchPipeline pipeline, java.util.function.Consumer<BatchPipeline.Step> beforeStep) {
    long started = System.nanoTime();
    boolean promoted = false;
    for (BatchPipeline.Step step : pipeline.steps()) {
      String title = String.join(" ", step.command().words());
      if (step.when() == BatchPipeline.When.IF_PROMOTED && !promoted) {
        out.printf(
            "== %s skipped: model %s was not promoted to CURRENT%n%n", title, pipeline.run());
        continue;
      }
      beforeStep.accept(step);
      out.printf("== stocklambda %s%n", title);
      long t = System.nanoTime();
      try {
        Path output =
            step.capturesOutput()
                ? Files.createTempFile("stocklambda-" + step.name(), ".properties")
                : null;
        try {
          int status =
              launcher.runForeground(
                  step.command(),
                  output == null
                      ? Map.of()
                      : Map.of(ModelOptions.Current.OUTPUT_PROPERTY, output.toString()));
          if (status != 0) {
            out.printf("batch run stopped: '%s' exited with %d%n", title, status);
            return status;
          }
          if (output != null) {
            promoted = Boolean.parseBoolean(read(output).getProperty("promoted"));
          }
        } finally {
          if (output != null) {
            Files.deleteIfExists(output);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 130;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot collect the output of '" + title + "'", e);
      }
      out.printf("== %s done in %.1f s%n%n", title, (System.nanoTime() - t) / 1e9);
    }
    out.printf(
        "batch run %s done in %.1f s%n", pipeline.run(), (System.nanoTime() - started) / 1e9);
    return 0;
  }

  private static Properties read(Path file) throws IOException {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      props.load(in);
    }
    return props;
  }
}
