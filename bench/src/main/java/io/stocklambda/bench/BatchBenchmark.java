package io.stocklambda.bench;

import com.github.rvesse.airline.HelpOption;
import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import io.stocklambda.commands.batch.BatchPipeline;
import io.stocklambda.commands.batch.TrainOptions;
import io.stocklambda.commands.ingest.LandOptions;
import io.stocklambda.core.config.Defaults;
import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.dataset.DatasetSplit;
import io.stocklambda.core.dataset.TimeSplit;
import io.stocklambda.core.progress.ChildProcesses;
import io.stocklambda.core.window.Window;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.UUID;

/**
 * {@code stocklambda bench batch}: the batch layer's scaling curve. For each share of the input's
 * files, the subset is landed on HDFS under its own root, then each job runs from the distribution
 * as users run it, timed from outside: the MapReduce training set, Spark training (both model
 * families, one training horizon unless {@code --train-years} says otherwise, with the time split
 * {@code demo} uses) and the Spark batch view. Rates are input ticks per second of wall time, job
 * start included.
 */
@Command(
    name = "batch",
    description =
        "Batch layer scaling: MapReduce training set, Spark training and batch view at several input sizes, rows/s at each")
public final class BatchBenchmark implements Runnable {

  @AirlineModule private HelpOption<BatchBenchmark> help;

  @AirlineModule MarketInput market = new MarketInput();

  @Option(
      name = "--hdfs",
      title = "hdfs",
      description =
          "HDFS to run on (default "
              + Defaults.HDFS_URI
              + "; 'stocklambda stack up --engines hdfs')")
  String hdfs = Defaults.HDFS_URI;

  @Option(
      name = "--shares",
      title = "shares",
      description =
          "Comma-separated percentages of the input's files, every k-th file (default 10,50,100)")
  String shares = "10,50,100";

  @Option(
      name = "--train-years",
      title = "years",
      description =
          "Training horizons the training grid tries (default 0: all history, "
              + "so that the curve shows the data's cost; 10,20,0 for the product's full grid)")
  String trainYears = "0";

  @Option(
      name = "--report-dir",
      title = "dir",
      description = "Where the CSV and the PNG chart go (default docs/bench)")
  String reportDir = "docs/bench";

  private record Row(
      int share,
      int files,
      long ticks,
      double windowsSeconds,
      double trainSeconds,
      double viewSeconds) {}

  @Override
  public void run() {
    if (help.showHelpIfRequested()) {
      return;
    }
    Path home = Paths.get(System.getProperty("stocklambda.home", "."));
    Path bin = home.resolve("bin/stocklambda");
    if (!Files.isExecutable(bin)) {
      throw new IllegalArgumentException(
          "bench batch runs the jobs from the distribution: run it as 'stocklambda bench batch'");
    }
    Path data = market.path();
    List<TickSource> all = TickCsv.discover(data).stream().filter(s -> size(s.path()) > 0).toList();
    String id = UUID.randomUUID().toString().substring(0, 8);
    System.out.printf(
        "input: %d non-empty tick files in %s%nmachine: %s%nHDFS: %s%n%n",
        all.size(), data, Machine.describe(), hdfs);
    List<Row> rows = new ArrayList<>();
    for (int share :
        Arrays.stream(shares.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray()) {
      rows.add(runShare(bin, all, share, id));
    }
    System.out.printf(
        "%n%6s %6s %11s | %-22s | %-22s | %-22s%n",
        "share",
        "files",
        "ticks",
        "training set (MapReduce)",
        "training (Spark)",
        "batch view (Spark)");
    List<List<Object>> csv = new ArrayList<>();
    for (Row r : rows) {
      System.out.printf(
          "%5d%% %6d %,11d | %6.1f s %,9.0f t/s | %6.1f s %,9.0f t/s | %6.1f s %,9.0f t/s%n",
          r.share,
          r.files,
          r.ticks,
          r.windowsSeconds,
          r.ticks / r.windowsSeconds,
          r.trainSeconds,
          r.ticks / r.trainSeconds,
          r.viewSeconds,
          r.ticks / r.viewSeconds);
      csv.add(
          List.of(
              r.share,
              r.files,
              r.ticks,
              r.windowsSeconds,
              r.ticks / r.windowsSeconds,
              r.trainSeconds,
              r.ticks / r.trainSeconds,
              r.viewSeconds,
              r.ticks / r.viewSeconds));
    }
    Report report = new Report(reportDir, "batch");
    Path csvFile =
        report.csv(
            List.of(
                "share_pct",
                "files",
                "ticks",
                "windows_s",
                "windows_ticks_per_s",
                "train_s",
                "train_ticks_per_s",
                "view_s",
                "view_ticks_per_s"),
            csv);
    List<String> categories =
        rows.stream().map(r -> String.format("%d%% (%,d ticks)", r.share, r.ticks)).toList();
    Path png = report.png("seconds");
    new BarChart("bench batch: wall seconds per job by input size", "seconds", categories)
        .series(
            "training set (MapReduce)", rows.stream().mapToDouble(Row::windowsSeconds).toArray())
        .series("training (Spark MLlib)", rows.stream().mapToDouble(Row::trainSeconds).toArray())
        .series("batch view (Spark)", rows.stream().mapToDouble(Row::viewSeconds).toArray())
        .write(png);
    System.out.printf("%nwrote %s, %s%n", csvFile, png);
  }

  private Row runShare(Path bin, List<TickSource> all, int share, String id) {
    if (share < 1 || share > 100) {
      throw new IllegalArgumentException("--shares are percentages in 1..100, was " + share);
    }
    int every = Math.max(1, (int) Math.round(100.0 / share));
    List<TickSource> chosen = new ArrayList<>();
    for (int i = 0; i < all.size(); i += every) {
      chosen.add(all.get(i));
    }
    try {
      Path dir = Files.createTempDirectory("stocklambda-bench-batch-" + share + "-");
      for (TickSource s : chosen) {
        Files.createSymbolicLink(dir.resolve(s.path().getFileName()), s.path().toAbsolutePath());
      }
      ParseReport report = new ParseReport();
      NavigableSet<LocalDate> dates =
          DatasetSplit.tradingDates(chosen, MalformedLinePolicy.SKIP, report);
      long ticks = report.rows();
      TimeSplit split = TimeSplit.of(dates);
      String root = "/bench-batch-" + id + "/p" + share;
      System.out.printf(
          "== %d%%: %d files, %,d ticks, test period from %s, under %s%s%n",
          share, chosen.size(), ticks, split.cutoff(), hdfs, root);
      LandOptions land = new LandOptions();
      land.input = dir.toString();
      land.dataset.at(hdfs, root);
      run(bin, land.toArgs());
      // the batch layer's own pipeline, each step timed; the bench always promotes, to time the
      // same work at every size
      BatchPipeline pipeline =
          new BatchPipeline(
              hdfs,
              root,
              Window.DEFAULT_SIZE,
              split.cutoff().toString(),
              split.validationYears(),
              "w",
              Defaults.SPARK_MASTER,
              null,
              null);
      Map<String, Double> seconds = new HashMap<>();
      for (BatchPipeline.Step step : pipeline.steps()) {
        if (step.command() instanceof TrainOptions train) {
          train.promote = "always";
          train.trainYears = trainYears;
        }
        seconds.put(step.name(), run(bin, step.command().toArgs()));
      }
      double windows = seconds.get("windows");
      double train = seconds.get("train");
      double view = seconds.get("view");
      return new Row(share, chosen.size(), ticks, windows, train, view);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs one command of the distribution, its output shown; returns its wall seconds. */
  private static double run(Path bin, List<String> args) {
    List<String> command = new ArrayList<>(List.of(bin.toString()));
    command.addAll(args);
    long started = System.nanoTime();
    try {
      int exit = ChildProcesses.foreground(command, Duration.ofSeconds(30));
      if (exit != 0) {
        throw new IllegalStateException(
            "'stocklambda " + String.join(" ", args) + "' exited with " + exit);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
    return (System.nanoTime() - started) / 1e9;
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
