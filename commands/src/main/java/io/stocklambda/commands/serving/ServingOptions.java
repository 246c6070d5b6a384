package io.stocklambda.commands.serving;

import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.Required;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.commands.Component;
import io.stocklambda.commands.ComponentOptions;
import io.stocklambda.commands.DatasetLocation;
import io.stocklambda.commands.speed.SpeedRunOptions;
import io.stocklambda.core.config.Defaults;
import io.stocklambda.core.dataset.Topics;

/** The {@code stocklambda serving} commands: each knows where the stores are. */
public abstract class ServingOptions extends ComponentOptions {

  @AirlineModule public StoreLocation stores = new StoreLocation();

  @Override
  public Component component() {
    return Component.SERVING;
  }

  @Override
  protected String group() {
    return "serving";
  }

  /** {@code stocklambda serving run}. */
  @Command(
      name = "run",
      description =
          "Load the speed view from Kafka into HBase and Elasticsearch, and serve the query API and the live web view")
  public static class Run extends ServingOptions {
    @Option(
        name = "--bootstrap",
        title = "bootstrap",
        description = "Kafka bootstrap servers (default " + Defaults.KAFKA_BOOTSTRAP + ")")
    public String bootstrap = Defaults.KAFKA_BOOTSTRAP;

    @Option(
        name = "--predictions-topic",
        title = "topic",
        description = "Topic of the speed view (default predictions)")
    public String predictionsTopic = Topics.PREDICTIONS;

    @Option(
        name = "--group-id",
        title = "group",
        description = "Consumer group of the speed-view loader (default stocklambda-serving)")
    public String groupId = "stocklambda-serving";

    @Option(
        name = "--instance",
        title = "instance",
        description = "This instance's static member id in the group (default 1)")
    public String instance = "1";

    @Option(
        name = "--host",
        title = "host",
        description =
            "Address the HTTP server binds (default 127.0.0.1; 0.0.0.0 for every interface)")
    public String host = "127.0.0.1";

    @Option(
        name = "--port",
        title = "port",
        description =
            "HTTP port of the API and the web view (default " + Defaults.SERVING_PORT + ")")
    @IntegerRange(min = 0, max = 65535)
    public int port = Defaults.SERVING_PORT;

    @Option(
        name = "--speed-application-id",
        title = "application-id",
        description =
            "The speed layer's Kafka Streams application id, "
                + "whose progress on the ticks topic /api/health reports (default "
                + SpeedRunOptions.DEFAULT_APPLICATION_ID
                + ")")
    public String speedApplicationId = SpeedRunOptions.DEFAULT_APPLICATION_ID;

    @Option(
        name = "--ticks-topic",
        title = "topic",
        description = "Topic the speed layer reads (default ticks)")
    public String ticksTopic = Topics.TICKS;

    @Option(
        name = "--no-loader",
        description =
            "Serve queries only, without loading the speed view (another instance loads it)")
    public boolean noLoader;
  }

  /** {@code stocklambda serving status}. */
  @Command(
      name = "status",
      description =
          "What is served: the batch view (run, model, horizon, HBase version, Elasticsearch index) and, with --count, the rows of each view in each store")
  public static class Status extends ServingOptions {
    @Option(
        name = "--count",
        description =
            "Count the rows of the served batch view and of the speed view in HBase (a scan of keys: "
                + "about a minute for 17 M rows) and in Elasticsearch")
    public boolean count;
  }

  /** A serving command that reads from the dataset in HDFS. */
  public abstract static class FromDataset extends ServingOptions {
    @AirlineModule public DatasetLocation dataset = new DatasetLocation();
  }

  /** {@code stocklambda serving load-batch}. */
  @Command(
      name = "load-batch",
      description =
          "Serve a batch view: bulk-load its HFiles into a new HBase version and index it into a new Elasticsearch index, swap it in whole, expire older speed rows")
  public static class LoadBatch extends FromDataset {
    /**
     * Concurrent bulk requests to Elasticsearch by default: one in flight per core of a small node,
     * and one queued.
     */
    public static final int DEFAULT_ES_PARALLELISM = 3;

    @Option(
        name = "--view",
        title = "run",
        description =
            "The batch view run under <root>/batch/views/ (default: the newest complete one)")
    public String view;

    @Option(
        name = "--es-parallelism",
        title = "requests",
        description =
            "Concurrent bulk requests to Elasticsearch (default "
                + DEFAULT_ES_PARALLELISM
                + "). HBase takes the view's HFiles by bulk load meanwhile")
    @IntegerRange(min = 1, max = 32)
    public int esParallelism = DEFAULT_ES_PARALLELISM;
  }

  /** {@code stocklambda serving load-backfill}. */
  @Command(
      name = "load-backfill",
      description =
          "Load a backfill into the served batch view (same HBase version and Elasticsearch index, same keys): idempotent")
  public static class LoadBackfill extends FromDataset {
    @Option(
        name = "--run",
        title = "run",
        description = "The backfill under <root>/batch/backfills/")
    @Required
    public String run;
  }
}
