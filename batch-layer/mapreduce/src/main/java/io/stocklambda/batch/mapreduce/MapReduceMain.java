package io.stocklambda.batch.mapreduce;

import com.github.rvesse.airline.Cli;
import com.github.rvesse.airline.annotations.Group;
import com.github.rvesse.airline.help.Help;
import io.stocklambda.commands.ComponentMain;
import io.stocklambda.commands.batch.WindowsOptions;
import io.stocklambda.core.csv.MalformedLimit;
import io.stocklambda.hdfs.HadoopConfDir;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * Entry point of the MapReduce part of the batch layer: {@code stocklambda batch windows}, run
 * through Hadoop's {@link ToolRunner}, so that its generic options ({@code -D key=value}, {@code
 * -conf file}, {@code -fs uri}) work as Hadoop users expect; they come right after {@code batch
 * windows}, before the command's own options.
 */
@com.github.rvesse.airline.annotations.Cli(
    name = "stocklambda",
    description = "stocklambda batch layer (MapReduce)",
    commands = {Help.class},
    groups =
        @Group(
            name = "batch",
            description = "The batch layer",
            commands = {MapReduceMain.Windows.class}))
public final class MapReduceMain extends Configured implements Tool {

  private static final String[] COMMAND = {"batch", "windows"};

  MapReduceMain() {}

  public static void main(String[] args) {
    ComponentMain.main(
        "batch-mapreduce",
        args,
        a -> {
          boolean windows = a.length >= 2 && a[0].equals(COMMAND[0]) && a[1].equals(COMMAND[1]);
          return windows
              ? ToolRunner.run(
                  new Configuration(), new MapReduceMain(), Arrays.copyOfRange(a, 2, a.length))
              : parse(a).exitCode(new Configuration(), System.out);
        });
  }

  /**
   * The command's own options, after ToolRunner has taken the generic ones into {@link #getConf()}.
   */
  @Override
  public int run(String[] options) {
    String[] args = new String[options.length + 2];
    System.arraycopy(COMMAND, 0, args, 0, 2);
    System.arraycopy(options, 0, args, 2, options.length);
    return parse(args).exitCode(getConf(), System.out);
  }

  private static Runnable0 parse(String[] args) {
    Runnable command = new Cli<Runnable>(MapReduceMain.class).parse(args);
    return command instanceof Windows w
        ? w
        : (conf, out) -> {
          command.run();
          return 0;
        };
  }

  /** A parsed command: runs with a Hadoop configuration, returns the exit code. */
  private interface Runnable0 {
    int exitCode(Configuration conf, PrintStream out);
  }

  /** {@code stocklambda batch windows}. */
  public static final class Windows extends WindowsOptions implements Runnable, Runnable0 {

    @Override
    public void run() {
      exitCode(new Configuration(), System.out);
    }

    @Override
    public int exitCode(Configuration conf, PrintStream out) {
      if (helpShown()) {
        return 0;
      }
      if (framework.equals("yarn")) {
        HadoopConfDir.require(cluster.hadoopConfDir, "--framework yarn").addTo(conf);
      }
      TrainingSetConfig config =
          new TrainingSetConfig(
              dataset.hdfs,
              dataset.layout(),
              run,
              window,
              reducers == null ? 0 : reducers,
              framework,
              System.getProperty("java.io.tmpdir") + "/stocklambda-mapreduce-" + run,
              MalformedLimit.parse(maxMalformed));
      TrainingSetResult result = new TrainingSetJob(config, out).run(conf);
      if (result.rejected()) {
        out.printf("training set %s refused and deleted: %s%n", run, result.rejection());
      } else {
        out.printf(
            "training set %s written in %.1f s: %s%n", run, result.seconds(), result.output());
      }
      out.printf("  %-18s %,12d%n", "input files", result.inputFiles());
      out.printf("  %-18s %,12d%n", "reducers", result.reducers());
      for (TrainingSetCounters c : TrainingSetCounters.values()) {
        out.printf(
            "  %-18s %,12d%n",
            c.name().toLowerCase(Locale.ROOT).replace('_', ' '), result.count(c));
      }
      out.printf(
          "  %-18s %,12.0f%n",
          "ticks/s", result.count(TrainingSetCounters.TICKS) / result.seconds());
      if (!result.malformed().isEmpty()) {
        out.println(
            result.rejected()
                ? "first malformed lines:"
                : "malformed lines skipped (the first ones; all under _malformed/):");
        result.malformed().forEach(line -> out.println("  " + line));
      }
      if (!result.rejected() && result.count(TrainingSetCounters.WINDOWS) == 0) {
        out.printf(
            "warning: no stock has %d ticks, so the set has no window to learn from%n", window);
      }
      return result.rejected() ? 1 : 0;
    }
  }
}
