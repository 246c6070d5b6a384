package io.stocklambda.commands.ingest;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.Required;
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
          "List the trained models: status (CURRENT, retired), test and promotion-slice AUC, who made each CURRENT and when; "
              + "--long adds each one's lineage")
  public static class ListModels extends ModelOptions {
    @Option(
        name = "--bootstrap",
        title = "bootstrap",
        description =
            "Kafka bootstrap servers whose shadow topic gives each candidate's live figures (default "
                + Defaults.KAFKA_BOOTSTRAP
                + "; a broker that does not answer within 5 s leaves them out)")
    public String bootstrap = Defaults.KAFKA_BOOTSTRAP;

    @Option(
        name = "--long",
        description =
            "Each version's lineage too: training set, master-dataset snapshot, code version, parameters, metrics")
    public boolean full;
  }

  /** {@code stocklambda model history}. */
  @Command(
      name = "history",
      description =
          "The history of CURRENT: every promotion, rollback and retirement, oldest first")
  public static class History extends ModelOptions {}

  /** What promote and rollback share: why, and where to publish. */
  public abstract static class Change extends ModelOptions {
    @Option(
        name = "--reason",
        title = "reason",
        description = "Why, for the registry's history (default: the command)")
    public String reason;

    @Option(
        name = "--bootstrap",
        title = "bootstrap",
        description =
            "Kafka bootstrap servers the new CURRENT is published to (default "
                + Defaults.KAFKA_BOOTSTRAP
                + ")")
    public String bootstrap = Defaults.KAFKA_BOOTSTRAP;

    @Option(
        name = "--no-publish",
        description =
            "Only move CURRENT in HDFS; the speed layer keeps its model until 'model publish'")
    public boolean noPublish;
  }

  /** {@code stocklambda model promote}. */
  @Command(
      name = "promote",
      description =
          "Make a version CURRENT (recorded in the history) and publish it: the speed layer swaps to it at once")
  public static class Promote extends Change {
    @Option(name = "--version", title = "version", description = "The version to promote")
    @Required
    public String version;

    @Option(
        name = "--min-shadow-outcomes",
        title = "count",
        description =
            "Require a shadow period: refuse unless the version, published with 'model candidate', has at least this "
                + "many resolved predictions on the shadow topic (default 0: no shadow period required)")
    public long minShadowOutcomes;
  }

  /** {@code stocklambda model candidate}. */
  @Command(
      name = "candidate",
      description =
          "Publish a version as a candidate: the speed layer scores every window with it beside CURRENT, in shadow "
              + "(predictions-shadow topic, never served), and its live hit rate, AUC and Brier score show in "
              + "'model list' and /api/accuracy; --withdraw stops it")
  public static class Candidate extends ModelOptions {
    @Option(name = "--version", title = "version", description = "The version to score in shadow")
    @Required
    public String version;

    @Option(name = "--withdraw", description = "Stop scoring the version in shadow")
    public boolean withdraw;

    @Option(
        name = "--bootstrap",
        title = "bootstrap",
        description = "Kafka bootstrap servers (default " + Defaults.KAFKA_BOOTSTRAP + ")")
    public String bootstrap = Defaults.KAFKA_BOOTSTRAP;
  }

  /** {@code stocklambda model rollback}. */
  @Command(
      name = "rollback",
      description =
          "Make the version that was CURRENT before the current one CURRENT again, and publish it; a second rollback "
              + "goes one further back")
  public static class Rollback extends Change {}

  /** {@code stocklambda model retire}. */
  @Command(
      name = "retire",
      description =
          "Retire a version that is not CURRENT: it can no longer be promoted and rollbacks skip it (its files stay)")
  public static class Retire extends ModelOptions {
    @Option(name = "--version", title = "version", description = "The version to retire")
    @Required
    public String version;

    @Option(name = "--reason", title = "reason", description = "Why, for the registry's history")
    public String reason = "retired by hand";
  }

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
          "Copy a model's files (model.json, evaluated.json, evaluation.json, report.html, lineage.json; default CURRENT) to a local directory")
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
