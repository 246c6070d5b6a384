package io.stocklambda.commands.ingest;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import io.stocklambda.commands.Component;
import io.stocklambda.commands.DatasetOptions;
import io.stocklambda.core.config.Defaults;

/** The {@code stocklambda model} commands: the model registry in HDFS. */
public abstract class ModelOptions extends DatasetOptions {

  @Override
  public Component component() {
    return Component.INGEST;
  }

  @Override
  protected String group() {
    return "model";
  }

  /** {@code stocklambda model list}. */
  @Command(
      name = "list",
      description =
          "List the trained models with their test figures; the serving one is marked CURRENT")
  public static class ListModels extends ModelOptions {}

  /** {@code stocklambda model current}. */
  @Command(
      name = "current",
      description =
          "Print the CURRENT model version as current=<version>; with --is, promoted=true|false: whether that version is CURRENT (Oozie capture-output)")
  public static class Current extends ModelOptions {
    /**
     * The system property naming the file to which the command writes {@code current} and {@code
     * promoted}: how an Oozie java action with {@code <capture-output/>} passes a result to a
     * decision node, and how the local pipeline runner reads it.
     */
    public static final String OUTPUT_PROPERTY = "oozie.action.output.properties";

    @Option(
        name = "--is",
        title = "version",
        description = "A version to compare with the CURRENT one (e.g. the one just trained)")
    public String is;
  }

  /** {@code stocklambda model export}. */
  @Command(
      name = "export",
      description =
          "Copy a model's model.json, evaluation.json and report.html (default CURRENT) to a local directory")
  public static class Export extends ModelOptions {
    @Option(
        name = "--version",
        title = "version",
        description = "Model version (default: the CURRENT one)")
    public String version;

    @Option(
        name = "--out",
        title = "out",
        description = "Local directory to write into (default: the current directory)")
    public String out = ".";
  }

  /** {@code stocklambda model publish}. */
  @Command(
      name = "publish",
      description =
          "Publish a model (default CURRENT) to the compacted 'models' topic; the speed layer swaps to it without restart")
  public static class Publish extends ModelOptions {
    @Option(
        name = "--version",
        title = "version",
        description = "Model version to publish (default: the CURRENT one)")
    public String version;

    @Option(
        name = "--bootstrap",
        title = "bootstrap",
        description = "Kafka bootstrap servers (default " + Defaults.KAFKA_BOOTSTRAP + ")")
    public String bootstrap = Defaults.KAFKA_BOOTSTRAP;
  }
}
