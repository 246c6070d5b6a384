package io.stocklambda.batch.mapreduce;

import com.github.rvesse.airline.Cli;
import com.github.rvesse.airline.HelpOption;
import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Group;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.AllowedRawValues;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import com.github.rvesse.airline.help.Help;
import com.github.rvesse.airline.parser.errors.ParseException;
import io.stocklambda.core.dataset.MasterLayout;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Entry point of the MapReduce part of the batch layer: {@code stocklambda batch windows}. */
@com.github.rvesse.airline.annotations.Cli(
    name = "stocklambda",
    description = "stocklambda batch layer (MapReduce)",
    commands = {Help.class},
    groups = @Group(name = "batch", description = "The batch layer", commands = {MapReduceMain.Windows.class}))
public final class MapReduceMain {

  private MapReduceMain() {}

  public static void main(String[] args) {
    int status;
    try {
      Runnable command = new Cli<Runnable>(MapReduceMain.class).parse(args);
      command.run();
      status = command instanceof Windows w ? w.status : 0;
    } catch (ParseException | IllegalArgumentException e) {
      System.err.println("stocklambda: " + e.getMessage());
      status = 2;
    } catch (RuntimeException e) {
      System.err.println("stocklambda: batch windows failed: " + e.getMessage());
      status = 1;
    }
    System.exit(status);
  }

  /** {@code stocklambda batch windows}. */
  @Command(name = "windows", description = "MapReduce: build the windowed, labeled training set from the whole master dataset")
  public static final class Windows implements Runnable {

    @AirlineModule
    private HelpOption<Windows> help;

    @Option(name = "--hdfs", title = "hdfs", description = "File system of the master dataset (default hdfs://127.0.0.1:8020)")
    String hdfs = "hdfs://127.0.0.1:8020";

    @Option(name = "--root", title = "root", description = "Root of the master dataset (default /stocklambda)")
    String root = MasterLayout.DEFAULT_ROOT;

    @Option(name = "--run", title = "run", description = "Name of this training set, under batch/training/ (default: the time, e.g. 20261126T172800Z)")
    String run = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(java.time.Instant.now());

    @Option(name = "--window", title = "window", description = "Ticks per window (default 5, the thesis's)")
    @IntegerRange(min = 2, max = 250)
    int window = io.stocklambda.core.window.Window.DEFAULT_SIZE;

    @Option(name = "--reducers", title = "reducers", description = "Reduce tasks (default 2)")
    @IntegerRange(min = 1, max = 1000)
    int reducers = 2;

    @Option(name = "--framework", title = "framework", description = "local (default): the local job runner against --hdfs; yarn: submit to the cluster of the Hadoop configuration")
    @AllowedRawValues(allowedValues = {"local", "yarn"})
    String framework = "local";

    int status;

    @Override
    public void run() {
      if (help.showHelpIfRequested()) {
        return;
      }
      TrainingSetJob.Config config = new TrainingSetJob.Config(hdfs, new MasterLayout(root), run, window, reducers, framework,
          System.getProperty("java.io.tmpdir") + "/stocklambda-mapreduce-" + run);
      TrainingSetJob.Result result = new TrainingSetJob(config, System.out).run();
      System.out.printf("training set %s written in %.1f s: %s%n", run, result.seconds(), result.output());
      System.out.printf("  %-18s %,12d%n", "input files", result.inputFiles());
      for (TrainingSetCounters c : TrainingSetCounters.values()) {
        System.out.printf("  %-18s %,12d%n", c.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), result.count(c));
      }
      System.out.printf("  %-18s %,12.0f%n", "ticks/s", result.count(TrainingSetCounters.TICKS) / result.seconds());
      status = 0;
    }
  }
}
