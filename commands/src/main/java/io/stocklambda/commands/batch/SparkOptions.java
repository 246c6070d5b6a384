package io.stocklambda.commands.batch;

import com.github.rvesse.airline.annotations.Option;
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

  @Override
  public Component component() {
    return Component.BATCH_SPARK;
  }

  @Override
  protected String group() {
    return "batch";
  }
}
