package io.stocklambda.commands.batch;

import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.AllowedRawValues;
import io.stocklambda.commands.ClusterLocation;
import io.stocklambda.commands.Component;
import io.stocklambda.commands.DatasetOptions;
import io.stocklambda.core.config.Defaults;

/** Options every Spark job of the batch layer shares. */
public abstract class SparkOptions extends DatasetOptions {

  @Option(
      name = "--master",
      title = "master",
      description = "Spark master (default " + Defaults.SPARK_MASTER + ")")
  public String master = Defaults.SPARK_MASTER;

  @Option(
      name = "--deploy-mode",
      title = "mode",
      description =
          "With --master yarn: client (default; the driver runs here) or cluster (the driver runs "
              + "in YARN's application master, this command waits for it and prints its state; "
              + "as with spark-submit, HADOOP_CONF_DIR must name the cluster's configuration)")
  @AllowedRawValues(allowedValues = {"client", "cluster"})
  public String deployMode = "client";

  @AirlineModule public ClusterLocation cluster = new ClusterLocation();

  @Override
  public Component component() {
    return Component.BATCH_SPARK;
  }

  @Override
  protected String group() {
    return "batch";
  }
}
