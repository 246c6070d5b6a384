package io.stocklambda.serving;

import io.stocklambda.core.progress.ProcessLifecycle;
import com.github.rvesse.airline.Cli;
import com.github.rvesse.airline.HelpOption;
import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Group;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import com.github.rvesse.airline.help.Help;
import com.github.rvesse.airline.parser.errors.ParseException;
import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.dataset.Topics;
import io.stocklambda.core.progress.GracefulStop;
import io.stocklambda.kafka.DeadLetterProducer;
import io.stocklambda.kafka.KafkaTopics;
import io.stocklambda.kafka.TopicSpec;
import io.stocklambda.serving.api.LiveFeed;
import io.stocklambda.serving.api.QueryApi;
import io.stocklambda.serving.es.EsViews;
import io.stocklambda.serving.hbase.HBaseViews;
import io.stocklambda.serving.kibana.KibanaImport;
import io.stocklambda.serving.load.BackfillLoader;
import io.stocklambda.serving.load.BatchViewLoader;
import io.stocklambda.serving.load.SpeedViewLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point of the serving component: {@code stocklambda serving run|load-batch} and {@code kibana import}. */
@com.github.rvesse.airline.annotations.Cli(
    name = "stocklambda",
    description = "stocklambda serving layer",
    commands = {Help.class},
    groups = {
        @Group(name = "serving", description = "The serving layer: merged views in HBase and Elasticsearch, query API, live web view",
            commands = {ServingMain.Run.class, ServingMain.LoadBatch.class, ServingMain.LoadBackfill.class, ServingMain.Status.class}),
        @Group(name = "kibana", description = "Kibana dashboards as code", commands = {KibanaImport.class})
    })
public final class ServingMain {

  private static final Logger LOG = LoggerFactory.getLogger(ServingMain.class);

  private ServingMain() {}

  public static void main(String[] args) {
    ProcessLifecycle.install("stocklambda serving");
    int status = 0;
    try {
      new Cli<Runnable>(ServingMain.class).parse(args).run();
    } catch (ParseException | IllegalArgumentException e) {
      System.err.println("stocklambda: " + e.getMessage());
      status = 2;
    } catch (RuntimeException e) {
      System.err.println("stocklambda: serving failed: " + e.getMessage());
      LOG.debug("serving failed", e);
      status = 1;
    }
    System.exit(status);
  }

  /** Options every serving command shares: where the stores are. */
  abstract static class StoreOptions {
    @AirlineModule
    private HelpOption<StoreOptions> help;

    @Option(name = "--zookeeper", title = "host:port", description = "HBase's ZooKeeper quorum (default 127.0.0.1:2181)")
    String zookeeper = "127.0.0.1:2181";

    @Option(name = "--elasticsearch", title = "url", description = "Elasticsearch URL(s), comma-separated (default http://127.0.0.1:9200); "
        + "with security on, the credentials come from STOCKLAMBDA_ES_USER and STOCKLAMBDA_ES_PASSWORD")
    String elasticsearch = "http://127.0.0.1:9200";

    boolean helpShown() {
      return help.showHelpIfRequested();
    }

    StoreEndpoints stores() {
      return StoreEndpoints.of(zookeeper, elasticsearch);
    }
  }

  /** {@code stocklambda serving run}. */
  @Command(name = "run", description = "Load the speed view from Kafka into HBase and Elasticsearch, and serve the query API and the live web view")
  public static final class Run extends StoreOptions implements Runnable {

    @Option(name = "--bootstrap", title = "bootstrap", description = "Kafka bootstrap servers (default 127.0.0.1:9092)")
    String bootstrap = "127.0.0.1:9092";

    @Option(name = "--predictions-topic", title = "topic", description = "Topic of the speed view (default predictions)")
    String predictionsTopic = Topics.PREDICTIONS;

    @Option(name = "--group-id", title = "group", description = "Consumer group of the speed-view loader (default stocklambda-serving)")
    String groupId = "stocklambda-serving";

    @Option(name = "--instance", title = "instance", description = "This instance's static member id in the group (default 1)")
    String instance = "1";

    @Option(name = "--host", title = "host", description = "Address the HTTP server binds (default 127.0.0.1; 0.0.0.0 for every interface)")
    String host = "127.0.0.1";

    @Option(name = "--port", title = "port", description = "HTTP port of the API and the web view (default 8080)")
    @IntegerRange(min = 0, max = 65535)
    int port = 8080;

    @Option(name = "--speed-application-id", title = "application-id", description = "The speed layer's Kafka Streams application id, "
        + "whose progress on the ticks topic /api/health reports (default stocklambda-speed)")
    String speedApplicationId = "stocklambda-speed";

    @Option(name = "--ticks-topic", title = "topic", description = "Topic the speed layer reads (default ticks)")
    String ticksTopic = Topics.TICKS;

    @Option(name = "--no-loader", description = "Serve queries only, without loading the speed view (another instance loads it)")
    boolean noLoader;

    @Override
    public void run() {
      if (helpShown()) {
        return;
      }
      StoreEndpoints stores = stores();
      ServingMetrics metrics = new ServingMetrics();
      LiveFeed feed = new LiveFeed();
      HBaseViews hbase = HBaseViews.connect(stores);
      EsViews es = EsViews.connect(stores.elasticsearch());
      SpeedLayerWatch speedLayer = new SpeedLayerWatch(bootstrap, speedApplicationId, ticksTopic, SpeedLayerWatch.STALLED_AFTER)
          .start(SpeedLayerWatch.PERIOD);
      QueryApi api = new QueryApi(hbase, es, feed, metrics, speedLayer::health).start(host, port);
      SpeedViewLoader loader = null;
      Thread loaderThread = null;
      DeadLetterProducer deadLetters = null;
      if (!noLoader) {
        KafkaTopics.ensure(bootstrap, List.of(TopicSpec.of(Topics.deadLetters(predictionsTopic), 1)));
        deadLetters = new DeadLetterProducer(bootstrap, Topics.deadLetters(predictionsTopic), "serving");
        loader = new SpeedViewLoader(consumer(), predictionsTopic, List.of(hbase, es), deadLetters, feed, metrics);
        loaderThread = new Thread(loader, "speed-view-loader");
        loaderThread.start();
      }
      String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
      System.out.printf("serving layer: web view http://%s:%d/  API http://%s:%d/api/  metrics http://%s:%d/metrics%n", shown, api.port(),
          shown, api.port(), shown, api.port());
      System.out.printf("stores: HBase %s (ZooKeeper %s), Elasticsearch alias '%s' at %s; speed view %s%n", HBaseViews.PREDICTIONS,
          zookeeper, EsViews.ALIAS, elasticsearch, noLoader ? "not loaded here" : "from topic '" + predictionsTopic + "'");
      CountDownLatch stopped = new CountDownLatch(1);
      SpeedViewLoader runningLoader = loader;
      Thread runningThread = loaderThread;
      DeadLetterProducer dlq = deadLetters;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        LOG.info("stopping the serving layer");
        if (runningLoader != null) {
          runningLoader.stop();
          join(runningThread);
          dlq.close();
        }
        api.close();
        speedLayer.close();
        closeQuietly(es);
        closeQuietly(hbase);
        System.out.printf("stopped: %,d speed rows loaded, %,d poison records%n", metrics.speedRows.sum(), metrics.poison.sum());
        stopped.countDown();
      }, "serving-stop"));
      try {
        if (loaderThread != null) {
          loaderThread.join();
        }
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
      return new KafkaConsumer<>(Map.of(
          ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
          ConsumerConfig.GROUP_ID_CONFIG, groupId,
          ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, groupId + "-" + instance,
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
          ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
          ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
          ConsumerConfig.CLIENT_ID_CONFIG, "stocklambda-serving-" + instance),
          new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void join(Thread thread) {
      try {
        thread.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** {@code stocklambda serving status}. */
  @Command(name = "status", description = "What is served: the batch view (run, model, horizon, HBase version, Elasticsearch index) and, with --count, the rows of each view in each store")
  public static final class Status extends StoreOptions implements Runnable {

    @Option(name = "--count", description = "Count the rows of the served batch view and of the speed view in HBase (a scan of keys: "
        + "about a minute for 17 M rows) and in Elasticsearch")
    boolean count;

    @Override
    public void run() {
      if (helpShown()) {
        return;
      }
      try (HBaseViews hbase = HBaseViews.connect(stores());
           EsViews es = EsViews.connect(elasticsearch)) {
        java.util.Optional<io.stocklambda.core.serving.BatchHorizon> view = hbase.currentBatch();
        List<String> indices = es.servedBatchIndices();
        if (view.isEmpty()) {
          System.out.println("batch view: none served yet ('stocklambda serving load-batch' serves one)");
        } else {
          io.stocklambda.core.serving.BatchHorizon v = view.get();
          System.out.printf("batch view: %s by model %s up to %s, HBase version %d, %,d rows loaded at %s; Elasticsearch %s%n", v.run(),
              v.modelVersion(), v.horizon(), v.version(), v.rows(), v.loadedAt(), String.join(", ", indices));
        }
        if (count) {
          long[] rows = hbase.countRows(view.map(io.stocklambda.core.serving.BatchHorizon::version).orElse(-2L));
          System.out.printf("HBase %s: batch view rows %,d, speed view rows %,d%n", HBaseViews.PREDICTIONS, rows[0], rows[1]);
          for (String index : indices) {
            System.out.printf("Elasticsearch %s: %,d documents%n", index, es.count(index));
          }
          System.out.printf("Elasticsearch %s: %,d documents%n", EsViews.speedIndex(), es.count(EsViews.speedIndex()));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code stocklambda serving load-batch}. */
  @Command(name = "load-batch", description = "Serve a batch view: bulk-load its HFiles into a new HBase version and index it into a new Elasticsearch index, swap it in whole, expire older speed rows")
  public static final class LoadBatch extends StoreOptions implements Runnable {

    @Option(name = "--hdfs", title = "hdfs", description = "File system of the dataset (default hdfs://127.0.0.1:8020)")
    String hdfs = "hdfs://127.0.0.1:8020";

    @Option(name = "--root", title = "root", description = "Root of the dataset (default /stocklambda)")
    String root = MasterLayout.DEFAULT_ROOT;

    @Option(name = "--view", title = "run", description = "The batch view run under <root>/batch/views/ (default: the newest complete one)")
    String view;

    @Option(name = "--es-parallelism", title = "requests", description = "Concurrent bulk requests to Elasticsearch (default "
        + BatchViewLoader.DEFAULT_ES_PARALLELISM + "). HBase takes the view's HFiles by bulk load meanwhile")
    @com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange(min = 1, max = 32)
    int esParallelism = BatchViewLoader.DEFAULT_ES_PARALLELISM;

    @Override
    public void run() {
      if (helpShown()) {
        return;
      }
      MasterLayout layout = new MasterLayout(root);
      try (FileSystem fs = BatchViewLoader.fileSystem(hdfs);
           HBaseViews hbase = HBaseViews.connect(stores());
           EsViews es = EsViews.connect(elasticsearch);
           GracefulStop stop = GracefulStop.install(Duration.ofSeconds(30))) {
        Path dir = new Path(view != null ? layout.batchView(view) : newestView(fs, layout));
        new BatchViewLoader(hbase, es, new ServingMetrics(), System.out, stop::requested, esParallelism).load(fs, dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static String newestView(FileSystem fs, MasterLayout layout) throws IOException {
      Path views = new Path(layout.batchViews());
      if (!fs.exists(views)) {
        throw new IllegalArgumentException("no batch view under " + views + "; run 'stocklambda batch view' first");
      }
      String newest = null;
      long newestTime = Long.MIN_VALUE;
      for (org.apache.hadoop.fs.FileStatus s : fs.listStatus(views)) {
        Path info = new Path(s.getPath(), io.stocklambda.core.dataset.BatchViewInfo.FILE);
        if (s.isDirectory() && fs.exists(info) && fs.getFileStatus(info).getModificationTime() > newestTime) {
          newestTime = fs.getFileStatus(info).getModificationTime();
          newest = s.getPath().toUri().getPath();
        }
      }
      if (newest == null) {
        throw new IllegalArgumentException("no complete batch view under " + views + "; run 'stocklambda batch view' first");
      }
      return newest;
    }
  }

  /** {@code stocklambda serving load-backfill}. */
  @Command(name = "load-backfill", description = "Load a backfill into the served batch view (same HBase version and Elasticsearch index, same keys): idempotent")
  public static final class LoadBackfill extends StoreOptions implements Runnable {

    @Option(name = "--hdfs", title = "hdfs", description = "File system of the dataset (default hdfs://127.0.0.1:8020)")
    String hdfs = "hdfs://127.0.0.1:8020";

    @Option(name = "--root", title = "root", description = "Root of the dataset (default /stocklambda)")
    String root = MasterLayout.DEFAULT_ROOT;

    @Option(name = "--run", title = "run", description = "The backfill under <root>/batch/backfills/")
    @com.github.rvesse.airline.annotations.restrictions.Required
    String run;

    @Override
    public void run() {
      if (helpShown()) {
        return;
      }
      try (FileSystem fs = BatchViewLoader.fileSystem(hdfs);
           HBaseViews hbase = HBaseViews.connect(stores());
           EsViews es = EsViews.connect(elasticsearch);
           GracefulStop stop = GracefulStop.install(Duration.ofSeconds(30))) {
        new BackfillLoader(hbase, es, new ServingMetrics(), System.out, stop::requested).load(fs, new Path(new MasterLayout(root).backfill(run)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("closing {}", c, e);
    }
  }
}
