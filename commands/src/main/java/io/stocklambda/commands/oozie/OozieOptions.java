package io.stocklambda.commands.oozie;

import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.AllowedRawValues;
import com.github.rvesse.airline.annotations.restrictions.Pattern;
import com.github.rvesse.airline.annotations.restrictions.Required;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.commands.Component;
import io.stocklambda.commands.ComponentOptions;
import io.stocklambda.commands.batch.TrainOptions;
import io.stocklambda.commands.serving.StoreLocation;
import io.stocklambda.core.config.Defaults;
import io.stocklambda.core.dataset.MasterLayout;

/**
 * The {@code stocklambda oozie} commands: the retraining application (workflow and daily
 * coordinator) packaged, deployed to HDFS, submitted to an Oozie server, watched and killed,
 * through Oozie's Java client.
 */
public abstract class OozieOptions extends ComponentOptions {

  @Override
  public Component component() {
    return Component.OOZIE;
  }

  @Override
  protected String group() {
    return "oozie";
  }

  /** Which Oozie server: an option group of the commands that talk to one. */
  public static class Server {
    @Option(
        name = "--oozie",
        title = "url",
        description = "Oozie server URL (default " + Defaults.OOZIE_URL + ", the embedded stack's)")
    public String url = Defaults.OOZIE_URL;
  }

  /** Where the application lives in HDFS. */
  public static class Application {
    /** The application's directory when none is given, relative to the user's HDFS home. */
    public static final String DEFAULT_DIR = "stocklambda-oozie";

    @Option(
        name = "--hdfs",
        title = "hdfs",
        description =
            "File system of the application and the dataset (default "
                + Defaults.HDFS_URI
                + ", the embedded stack's)")
    public String hdfs = Defaults.HDFS_URI;

    @Option(
        name = "--app",
        title = "dir",
        description =
            "The application's directory in HDFS; relative to the user's home (default "
                + DEFAULT_DIR
                + ": /user/<user>/"
                + DEFAULT_DIR
                + ")")
    public String dir = DEFAULT_DIR;
  }

  /** What a run of the workflow needs to know about the cluster: its job properties. */
  public static class Settings {
    @Option(
        name = "--root",
        title = "root",
        description = "Root of the dataset in HDFS (default " + MasterLayout.DEFAULT_ROOT + ")")
    public String root = MasterLayout.DEFAULT_ROOT;

    @Option(
        name = "--resource-manager",
        title = "host:port",
        description =
            "YARN ResourceManager (default "
                + Defaults.YARN_RESOURCE_MANAGER
                + ", the embedded stack's)")
    public String resourceManager = Defaults.YARN_RESOURCE_MANAGER;

    @Option(name = "--queue", title = "queue", description = "YARN queue (default default)")
    public String queue = "default";

    @Option(
        name = "--bootstrap",
        title = "bootstrap",
        description =
            "Kafka bootstrap servers, to publish a promoted model (default "
                + Defaults.KAFKA_BOOTSTRAP
                + ")")
    public String bootstrap = Defaults.KAFKA_BOOTSTRAP;

    @Option(
        name = "--home",
        title = "dir",
        description =
            "Where this distribution is installed on every NodeManager host; the actions run its "
                + "bin/stocklambda (default: this distribution's directory)")
    public String home;

    @Option(
        name = "--spark-master",
        title = "master",
        description = "Spark master of the train and view actions (default yarn)")
    public String sparkMaster = "yarn";

    @Option(
        name = "--deploy-mode",
        title = "mode",
        description =
            "Spark deploy mode of the train and view actions: cluster runs the driver in its own "
                + "YARN application master (default cluster)")
    @AllowedRawValues(allowedValues = {"client", "cluster"})
    public String deployMode = "cluster";

    @Option(name = "--window", title = "window", description = "Ticks per window (default 5)")
    @IntegerRange(min = 2, max = 60)
    public int window = 5;

    @Option(
        name = "--validation-years",
        title = "years",
        description =
            "Years before each run's cutoff that choose between the model families (default "
                + TrainOptions.DEFAULT_VALIDATION_YEARS
                + ")")
    @IntegerRange(min = 1, max = 50)
    public int validationYears = TrainOptions.DEFAULT_VALIDATION_YEARS;

    @Option(
        name = "--train-years",
        title = "years",
        description =
            "Years of history each run learns from, the candidates validation chooses among; 0 is all (default "
                + TrainOptions.DEFAULT_TRAIN_YEARS
                + ")")
    public String trainYears = TrainOptions.DEFAULT_TRAIN_YEARS;

    @Option(
        name = "--gbt-iterations",
        title = "n",
        description =
            "Boosting rounds of each run's gradient-boosted trees (default "
                + TrainOptions.DEFAULT_GBT_ITERATIONS
                + ")")
    @IntegerRange(min = 1, max = 1000)
    public int gbtIterations = TrainOptions.DEFAULT_GBT_ITERATIONS;
  }

  /** {@code stocklambda oozie package}. */
  @Command(
      name = "package",
      description =
          "Write the Oozie application to a local directory: workflow.xml, coordinator.xml and a job.properties for these settings")
  public static class Package extends OozieOptions {
    @AirlineModule public Settings settings = new Settings();
    @AirlineModule public StoreLocation stores = new StoreLocation();
    @AirlineModule public Application app = new Application();

    @Option(
        name = "--out",
        title = "out",
        description = "Directory to write the application to (default stocklambda-oozie)")
    public String out = "stocklambda-oozie";

    @Option(name = "--force", description = "Replace the directory if it exists")
    public boolean force;
  }

  /** {@code stocklambda oozie deploy}. */
  @Command(
      name = "deploy",
      description =
          "Put the Oozie application (workflow.xml, coordinator.xml) into HDFS, replacing the one there")
  public static class Deploy extends OozieOptions {
    @AirlineModule public Application app = new Application();
  }

  /** {@code stocklambda oozie submit}. */
  @Command(
      name = "submit",
      description =
          "Submit the daily retraining coordinator to Oozie (or, with --once, one run of the workflow) and print its job id")
  public static class Submit extends OozieOptions {
    @AirlineModule public Server server = new Server();
    @AirlineModule public Application app = new Application();
    @AirlineModule public Settings settings = new Settings();
    @AirlineModule public StoreLocation stores = new StoreLocation();

    @Option(
        name = "--start",
        title = "time",
        description =
            "The coordinator's first nominal time, UTC, yyyy-MM-ddTHH:mmZ (default: the next 22:30Z, after the US close); a time in the past materializes its actions at once")
    @Pattern(pattern = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}Z", description = "yyyy-MM-ddTHH:mmZ")
    public String start;

    @Option(
        name = "--end",
        title = "time",
        description =
            "The coordinator's end, UTC, yyyy-MM-ddTHH:mmZ (default: 10 years after --start)")
    @Pattern(pattern = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}Z", description = "yyyy-MM-ddTHH:mmZ")
    public String end;

    @Option(
        name = "--once",
        title = "run",
        description =
            "Run the workflow once now, naming its training set, model and view so (with --cutoff), instead of scheduling the coordinator")
    public String once;

    @Option(
        name = "--wait",
        description =
            "With --once: follow the run, printing each action as it ends, and exit 0 only if it SUCCEEDED")
    public boolean await;

    @Option(
        name = "--cutoff",
        title = "date",
        description =
            "With --once: first date of the test period, yyyy-MM-dd (default: a year before today)")
    @Pattern(pattern = "\\d{4}-\\d{2}-\\d{2}", description = "yyyy-MM-dd")
    public String cutoff;
  }

  /** {@code stocklambda oozie jobs}. */
  @Command(
      name = "jobs",
      description =
          "Show the retraining coordinators and workflows with their status; with --id, one job's actions (and --log, its Oozie log)")
  public static class Jobs extends OozieOptions {
    @AirlineModule public Server server = new Server();

    @Option(
        name = "--id",
        title = "id",
        description = "A coordinator's or workflow's job id: show its actions")
    public String id;

    @Option(name = "--log", description = "With --id: print the job's log from the Oozie server")
    public boolean log;

    @Option(
        name = "--limit",
        title = "n",
        description = "At most this many jobs of each kind, newest first (default 10)")
    @IntegerRange(min = 1, max = 1000)
    public int limit = 10;
  }

  /** {@code stocklambda oozie kill}. */
  @Command(
      name = "kill",
      description = "Kill a coordinator (no more runs) or a running workflow by its job id")
  public static class Kill extends OozieOptions {
    @AirlineModule public Server server = new Server();

    @Option(
        name = "--id",
        title = "id",
        description = "The job id, as 'oozie submit' and 'oozie jobs' print it")
    @Required
    public String id;
  }
}
