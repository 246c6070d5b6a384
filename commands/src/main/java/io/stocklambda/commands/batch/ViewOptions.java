package io.stocklambda.commands.batch;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.Required;
import io.stocklambda.core.config.Defaults;

/** {@code stocklambda batch view}. */
@Command(
    name = "view",
    description =
        "Spark: score every window of history with a model through core's scorer; the batch view with its horizon")
public class ViewOptions extends SparkOptions {

  @Option(
      name = "--training",
      title = "training",
      description = "The training set run whose windows to score")
  @Required
  public String training;

  @Option(
      name = "--model",
      title = "model",
      description = "Model version, or current (the default)")
  public String model = "current";

  @Option(
      name = "--run",
      title = "run",
      description = "Name of the view, under batch/views/ (default: the time)")
  public String run = Defaults.runId();
}
