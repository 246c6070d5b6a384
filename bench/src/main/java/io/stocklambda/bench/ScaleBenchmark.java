package io.stocklambda.bench;

import com.github.rvesse.airline.annotations.Command;
import io.stocklambda.commands.batch.BatchPipeline;
import io.stocklambda.commands.batch.TrainOptions;
import io.stocklambda.commands.ingest.LandOptions;
import io.stocklambda.commands.ingest.ReplayOptions;
import io.stocklambda.commands.serving.ServingOptions;
import io.stocklambda.core.config.Defaults;
import io.stocklambda.core.window.Window;
import io.stocklambda.hdfs.Hdfs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;

/**
 * {@code stocklambda bench scale}: the whole batch path at the real dataset's size, each command
 * run from the distribution as users run it, with its default flags, timed from outside: replay
 * into Kafka (when a broker is given), land, windows, training, batch view, and the serving load
 * (HBase bulk load and Elasticsearch bulk indexing, then the swap). For each: wall time, its rate,
 * and the peak resident memory of its JVM (VmHWM of the component's process, read from /proc while
 * it runs); for the stack's engines, their peak resident memory over the whole run. Ends by
 * counting the rows each store serves, so the figures are of a run that lost nothing.
 */
@Command(
    name = "scale",
    description =
        "The whole batch path at full scale (generated Kaggle-shaped market by default): replay, land, windows, "
            + "training, view, HBase + Elasticsearch load; time, rate and peak memory of each step")
public final class ScaleBenchmark extends ScaleBenchOptions implements Runnable {

  /** Name of the training set, model and view the run writes. */
  private static final String RUN = "scale";

  /** One step: what ran, how long, how many rows at what rate, the peak RSS of its JVM. */
  private record Step(String name, double seconds, long rows, String unit, long peakBytes) {}

  @Override
  public void run() {
    if (help.showHelpIfRequested()) {
      return;
    }
    Path home = Paths.get(System.getProperty("stocklambda.home", "."));
    Path bin = home.resolve("bin/stocklambda");
    if (!Files.isExecutable(bin)) {
      throw new IllegalArgumentException(
          "bench scale runs the jobs from the distribution: run it as 'stocklambda bench scale'");
    }
    if (market.input == null && market.profile == null) {
      market.profile = "kaggle";
    }
    String id = UUID.randomUUID().toString().substring(0, 8);
    long started = System.nanoTime();
    Path input = market.path();
    double generateSeconds = (System.nanoTime() - started) / 1e9;
    String root = "/bench-scale-" + id;
    System.out.printf(
        "input: %s (%s)%nmachine: %s%nstack: HDFS %s, HBase %s, Elasticsearch %s, Kafka %s%n%n",
        input,
        market.describe(),
        Machine.describe(),
        hdfs,
        stores.zookeeper,
        stores.elasticsearch,
        bootstrap);
    ProcessMemory.EngineMemory engines =
        new ProcessMemory.EngineMemory(Paths.get(stackDir).toAbsolutePath().normalize());

    List<Step> steps = new ArrayList<>();
    if (!bootstrap.equals("none")) {
      ReplayOptions replayOptions = new ReplayOptions();
      replayOptions.input = input.toString();
      replayOptions.max = true;
      replayOptions.bootstrap = bootstrap;
      replayOptions.topic = "bench-scale-" + id;
      Run replay = run(bin, replayOptions.toArgs());
      steps.add(
          new Step(
              "replay",
              replay.seconds,
              number(replay.out, "replayed ([\\d,]+) ticks"),
              "ticks",
              replay.peak));
    }
    LandOptions landOptions = new LandOptions();
    landOptions.input = input.toString();
    landOptions.dataset.at(hdfs, root);
    Run land = run(bin, landOptions.toArgs());
    long rows = number(land.out, "landed [\\d,]+ file\\(s\\), ([\\d,]+) rows");
    steps.add(new Step("land", land.seconds, rows, "rows", land.peak));
    // the batch layer's own pipeline without Kafka (no publishing): windows, train, view, swap; the
    // bench always promotes
    BatchPipeline pipeline =
        new BatchPipeline(
            hdfs,
            root,
            Window.DEFAULT_SIZE,
            TrainOptions.DEFAULT_CUTOFF,
            TrainOptions.DEFAULT_VALIDATION_YEARS,
            RUN,
            Defaults.SPARK_MASTER,
            null,
            stores);
    long windowCount = 0;
    long served = 0;
    for (BatchPipeline.Step pipelineStep : pipeline.steps()) {
      if (pipelineStep.command() instanceof TrainOptions train) {
        train.promote = "always";
      }
      Run r = run(bin, pipelineStep.command().toArgs());
      switch (pipelineStep.name()) {
        case "windows" -> {
          windowCount = number(r.out, "\\n  windows +([\\d,]+)\\n");
          steps.add(
              new Step(
                  "windows (MapReduce)",
                  r.seconds,
                  number(r.out, "\\n  ticks +([\\d,]+)\\n"),
                  "ticks",
                  r.peak));
        }
        case "train" ->
            steps.add(new Step("training (Spark)", r.seconds, windowCount, "windows", r.peak));
        case "view" ->
            steps.add(
                new Step(
                    "batch view (Spark)",
                    r.seconds,
                    number(r.out, "batch view " + RUN + ": ([\\d,]+) predictions"),
                    "predictions",
                    r.peak));
        case "swap" -> {
          served = number(r.out, "batch view " + RUN + " served up to [\\d-]+: ([\\d,]+) rows");
          steps.add(new Step("HBase + Elasticsearch load", r.seconds, served, "rows", r.peak));
        }
        default ->
            throw new IllegalStateException(
                "bench scale does not know the pipeline step " + pipelineStep.name());
      }
    }
    ServingOptions.Status statusOptions = new ServingOptions.Status();
    statusOptions.stores = stores;
    statusOptions.count = true;
    Run status = run(bin, statusOptions.toArgs());
    long inHBase = number(status.out, "batch view rows ([\\d,]+)");
    long inEs = number(status.out, "predictions-batch-\\d+: ([\\d,]+) documents");

    double batchPlusLoad =
        steps.stream().filter(s -> !s.name.equals("replay")).mapToDouble(Step::seconds).sum();
    System.out.printf(
        "%n%-28s %10s %14s %16s %12s%n", "step", "seconds", "rows", "rate", "peak RSS");
    List<List<Object>> csv = new ArrayList<>();
    System.out.printf("%-28s %10.1f%n", "generate market", generateSeconds);
    for (Step s : steps) {
      System.out.printf(
          "%-28s %10.1f %,14d %,11.0f %s/s %9.0f MB%n",
          s.name,
          s.seconds,
          s.rows,
          s.rows / s.seconds,
          s.unit.substring(0, Math.min(6, s.unit.length())),
          s.peakBytes / 1e6);
      csv.add(List.of(s.name, s.seconds, s.rows, s.unit, s.rows / s.seconds, s.peakBytes / 1e6));
    }
    System.out.printf("%-28s %10.1f%n", "batch run + load", batchPlusLoad);
    csv.add(
        List.of("batch run + load", batchPlusLoad, served, "rows", served / batchPlusLoad, 0.0));
    for (Map.Entry<String, Long> e : engines.peaks().entrySet()) {
      System.out.printf(
          "%-28s %10s %14s %16s %9.0f MB%n",
          "engine " + e.getKey(), "", "", "", e.getValue() / 1e6);
      csv.add(List.of("engine " + e.getKey(), 0.0, 0, "", 0.0, e.getValue() / 1e6));
    }
    System.out.printf(
        "%nserved: %,d windows -> %,d predictions; HBase holds %,d batch rows, Elasticsearch %,d documents%s%n",
        windowCount,
        served,
        inHBase,
        inEs,
        inHBase == served && inEs == served && served == windowCount
            ? " (nothing lost)"
            : "  <- MISMATCH");
    Path file =
        new Report(reportDir, name)
            .csv(List.of("step", "seconds", "rows", "unit", "rows_per_s", "peak_rss_mb"), csv);
    System.out.printf("wrote %s%n", file);
    if (!keepData) {
      deleteRoot(root);
      market.deleteGenerated();
    }
    if (inHBase != served || inEs != served || served != windowCount) {
      throw new IllegalStateException("the stores do not hold every prediction of the view");
    }
  }

  private void deleteRoot(String root) {
    try (FileSystem fs = Hdfs.open(hdfs)) {
      fs.delete(new org.apache.hadoop.fs.Path(root), true);
      System.out.printf("deleted %s%s (--keep-data keeps it)%n", hdfs, root);
    } catch (IOException e) {
      System.out.println("could not delete " + hdfs + root + ": " + e.getMessage());
    }
  }

  private record Run(double seconds, String out, long peak) {}

  /**
   * Runs one command of the distribution, echoing its output, timing it and following its
   * processes' peak memory.
   */
  private Run run(Path bin, List<String> args) {
    List<String> command = new ArrayList<>(List.of(bin.toString()));
    command.addAll(args);
    System.out.printf("== stocklambda %s%n", String.join(" ", args));
    long started = System.nanoTime();
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      ProcessMemory.PeakMemory peak = new ProcessMemory.PeakMemory(p.toHandle());
      StringBuilder out = new StringBuilder();
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          System.out.println("  " + line);
          out.append(line).append('\n');
        }
      }
      int exit = p.waitFor();
      peak.stop();
      double seconds = (System.nanoTime() - started) / 1e9;
      if (exit != 0) {
        throw new IllegalStateException(
            "'stocklambda " + String.join(" ", args) + "' exited with " + exit);
      }
      System.out.printf("== %.1f s, peak RSS %.0f MB%n%n", seconds, peak.bytes() / 1e6);
      return new Run(seconds, out.toString(), peak.bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }

  private static long number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no '" + regex + "' in the command's output");
    }
    return Long.parseLong(m.group(1).replace(",", ""));
  }
}
