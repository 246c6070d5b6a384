package io.stocklambda.batch.mapreduce;

import io.stocklambda.core.progress.ProcessLifecycle;
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
import io.stocklambda.core.csv.MalformedLimit;
import io.stocklambda.core.dataset.MasterLayout;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * Entry point of the MapReduce part of the batch layer: {@code stocklambda batch windows}, run
 * through Hadoop's {@link ToolRunner}, so that its generic options ({@code -D key=value},
 * {@code -conf file}, {@code -fs uri}) work as Hadoop users expect; they come right after
 * {@code batch windows}, before the command's own options.
 */
@com.github.rvesse.airline.annotations.Cli(
    name = "stocklambda",
    description = "stocklambda batch layer (MapReduce)",
    commands = {Help.class},
    groups = @Group(name = "batch", description = "The batch layer", commands = {MapReduceMain.Windows.class}))
public final class MapReduceMain extends Configured implements Tool {

  private static final String[] COMMAND = {"batch", "windows"};

  MapReduceMain() {}

  public static void main(String[] args) {
    ProcessLifecycle.install("stocklambda batch-mapreduce");
    int status;
    try {
      boolean windows = args.length >= 2 && args[0].equals(COMMAND[0]) && args[1].equals(COMMAND[1]);
      status = windows
          ? ToolRunner.run(new Configuration(), new MapReduceMain(), Arrays.copyOfRange(args, 2, args.length))
          : parse(args).exitCode(new Configuration(), System.out);
    } catch (ParseException | IllegalArgumentException e) {
      System.err.println("stocklambda: " + e.getMessage());
      status = 2;
    } catch (Exception e) {
      System.err.println("stocklambda: batch windows failed: " + e.getMessage());
      status = 1;
    }
    System.exit(status);
  }

  /** The command's own options, after ToolRunner has taken the generic ones into {@link #getConf()}. */
  @Override
  public int run(String[] options) {
    String[] args = new String[options.length + 2];
    System.arraycopy(COMMAND, 0, args, 0, 2);
    System.arraycopy(options, 0, args, 2, options.length);
    return parse(args).exitCode(getConf(), System.out);
  }

  private static Runnable0 parse(String[] args) {
    Runnable command = new Cli<Runnable>(MapReduceMain.class).parse(args);
    return command instanceof Windows w ? w : (conf, out) -> {
      command.run();
      return 0;
    };
  }

  /** A parsed command: runs with a Hadoop configuration, returns the exit code. */
  private interface Runnable0 {
    int exitCode(Configuration conf, PrintStream out);
  }

  /** {@code stocklambda batch windows}. */
  @Command(name = "windows", description = "MapReduce: build the windowed, labeled training set from the whole master dataset")
  public static final class Windows implements Runnable, Runnable0 {

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

    @Option(name = "--reducers", title = "reducers", description = "Reduce tasks (default: one per 200 MB of input, at least 2; "
        + "-D mapreduce.job.reduces=N also sets it)")
    @IntegerRange(min = 1, max = 1000)
    Integer reducers;

    @Option(name = "--framework", title = "framework", description = "local (default): the local job runner against --hdfs; yarn: submit to the cluster of the Hadoop configuration")
    @AllowedRawValues(allowedValues = {"local", "yarn"})
    String framework = "local";

    @Option(name = "--max-malformed", title = "max-malformed", description = "Malformed lines above which the training set is refused "
        + "and deleted, a count (100) or a share of the data lines (default 0.1%); a set that read no tick is always refused. "
        + "Hadoop's generic options (-D key=value, -conf file) go right after 'batch windows', e.g. "
        + "'batch windows -D mapreduce.task.io.sort.mb=256 --run r1'")
    String maxMalformed = MalformedLimit.DEFAULT.text();

    @Override
    public void run() {
      exitCode(new Configuration(), System.out);
    }

    @Override
    public int exitCode(Configuration conf, PrintStream out) {
      if (help.showHelpIfRequested()) {
        return 0;
      }
      TrainingSetJob.Config config = new TrainingSetJob.Config(hdfs, new MasterLayout(root), run, window, reducers == null ? 0 : reducers,
          framework, System.getProperty("java.io.tmpdir") + "/stocklambda-mapreduce-" + run, MalformedLimit.parse(maxMalformed));
      TrainingSetJob.Result result = new TrainingSetJob(config, out).run(conf);
      if (result.rejected()) {
        out.printf("training set %s refused and deleted: %s%n", run, result.rejection());
      } else {
        out.printf("training set %s written in %.1f s: %s%n", run, result.seconds(), result.output());
      }
      out.printf("  %-18s %,12d%n", "input files", result.inputFiles());
      out.printf("  %-18s %,12d%n", "reducers", result.reducers());
      for (TrainingSetCounters c : TrainingSetCounters.values()) {
        out.printf("  %-18s %,12d%n", c.name().toLowerCase(Locale.ROOT).replace('_', ' '), result.count(c));
      }
      out.printf("  %-18s %,12.0f%n", "ticks/s", result.count(TrainingSetCounters.TICKS) / result.seconds());
      if (!result.malformed().isEmpty()) {
        out.println(result.rejected() ? "first malformed lines:" : "malformed lines skipped (the first ones; all under _malformed/):");
        result.malformed().forEach(line -> out.println("  " + line));
      }
      if (!result.rejected() && result.count(TrainingSetCounters.WINDOWS) == 0) {
        out.printf("warning: no stock has %d ticks, so the set has no window to learn from%n", window);
      }
      return result.rejected() ? 1 : 0;
    }
  }
}
