package io.stocklambda.commands.batch;

import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.AllowedRawValues;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.commands.ClusterLocation;
import io.stocklambda.commands.Component;
import io.stocklambda.commands.DatasetOptions;
import io.stocklambda.core.config.Defaults;
import io.stocklambda.core.csv.MalformedLimit;
import io.stocklambda.core.window.Window;

/** {@code stocklambda batch windows}. */
@Command(
    name = "windows",
    description =
        "MapReduce: build the windowed, labeled training set from the whole master dataset")
public class WindowsOptions extends DatasetOptions {

  @Option(
      name = "--run",
      title = "run",
      description =
          "Name of this training set, under batch/training/ (default: the time, e.g. 20261126-172800)")
  public String run = Defaults.runId();

  @Option(
      name = "--window",
      title = "window",
      description = "Ticks per window (default 5, the thesis's)")
  @IntegerRange(min = 2, max = 250)
  public int window = Window.DEFAULT_SIZE;

  @Option(
      name = "--reducers",
      title = "reducers",
      description =
          "Reduce tasks (default: one per 200 MB of input, at least 2; "
              + "-D mapreduce.job.reduces=N also sets it)")
  @IntegerRange(min = 1, max = 1000)
  public Integer reducers;

  @Option(
      name = "--framework",
      title = "framework",
      description =
          "local (default): the local job runner against --hdfs; yarn: submit to the cluster of the Hadoop configuration")
  @AllowedRawValues(allowedValues = {"local", "yarn"})
  public String framework = "local";

  @AirlineModule public ClusterLocation cluster = new ClusterLocation();

  @Option(
      name = "--max-malformed",
      title = "max-malformed",
      description =
          "Malformed lines above which the training set is refused "
              + "and deleted, a count (100) or a share of the data lines (default 0.1%); a set that read no tick is always refused. "
              + "Hadoop's generic options (-D key=value, -conf file) go right after 'batch windows', e.g. "
              + "'batch windows -D mapreduce.task.io.sort.mb=256 --run r1'")
  public String maxMalformed = MalformedLimit.DEFAULT.text();

  @Override
  public Component component() {
    return Component.BATCH_MAPREDUCE;
  }

  @Override
  protected String group() {
    return "batch";
  }
}
