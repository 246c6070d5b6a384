package io.stocklambda.serving;

import com.github.rvesse.airline.annotations.Group;
import com.github.rvesse.airline.help.Help;
import io.stocklambda.commands.ComponentMain;
import io.stocklambda.commands.serving.ServingOptions;
import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.dataset.Topics;
import io.stocklambda.core.progress.GracefulStop;
import io.stocklambda.hdfs.Hdfs;
import io.stocklambda.kafka.DeadLetterProducer;
import io.stocklambda.kafka.KafkaTopics;
import io.stocklambda.kafka.PredictionOutcomes;
import io.stocklambda.kafka.TopicSpec;
import io.stocklambda.serving.api.LiveFeed;
import io.stocklambda.serving.api.QueryApi;
import io.stocklambda.serving.drift.DriftConsumer;
import io.stocklambda.serving.drift.DriftRecorder;
import io.stocklambda.serving.es.EsViews;
import io.stocklambda.serving.hbase.HBaseViews;
import io.stocklambda.serving.kibana.KibanaImport;
import io.stocklambda.serving.load.BackfillLoader;
import io.stocklambda.serving.load.BatchViewLoader;
import io.stocklambda.serving.load.SpeedViewConsumer;
import io.stocklambda.serving.load.SpeedViewLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the serving component: {@code stocklambda serving run|load-batch} and {@code
 * kibana import}.
 */
@com.github.rvesse.airline.annotations.Cli(
    name = "stocklambda",
    description = "stocklambda serving layer",
    commands = {Help.class},
    groups = {
      @Group(
          name = "serving",
          description =
              "The serving layer: merged views in HBase and Elasticsearch, query API, live web view",
          commands = {
            ServingMain.Run.class,
            ServingMain.LoadBatch.class,
            ServingMain.LoadBackfill.class,
            ServingStatus.class
          }),
      @Group(
          name = "kibana",
          description = "Kibana dashboards as code",
          commands = {KibanaImport.class})
    })
public final class ServingMain {

  private static final Logger LOG = LoggerFactory.getLogger(ServingMain.class);

  private ServingMain() {}

  public static void main(String[] args) {
    ComponentMain.main("serving", ServingMain.class, args);
  }

  /** The stores of a serving command's options. */
  static StoreEndpoints stores(ServingOptions options) {
    return StoreEndpoints.of(options.stores.zookeeper, options.stores.elasticsearch);
  }

  /** {@code stocklambda serving run}. */
  public static final class Run extends ServingOptions.Run implements Runnable {

    @Override
    public void run() {
      StoreEndpoints endpoints = stores(this);
      ServingMetrics metrics = new ServingMetrics();
      LiveFeed feed = new LiveFeed();
      HBaseViews hbase = HBaseViews.connect(endpoints);
      EsViews es = EsViews.connect(endpoints.elasticsearch());
      SpeedLayerWatch speedLayer =
          new SpeedLayerWatch(
                  bootstrap, speedApplicationId, ticksTopic, SpeedLayerWatch.STALLED_AFTER)
              .start(SpeedLayerWatch.PERIOD);
      PredictionOutcomes outcomes =
          PredictionOutcomes.follow(
              bootstrap, List.of(predictionsTopic, Topics.shadow(predictionsTopic)));
      DriftConsumer drift = DriftConsumer.start(bootstrap, Topics.FEATURE_DRIFT);
      // the instance that loads the speed view also keeps Kibana's drift series
      DriftRecorder driftSeries =
          noLoader
              ? null
              : new DriftRecorder(drift.board(), es.drift()::write).start(DriftRecorder.PERIOD);
      QueryApi api =
          new QueryApi(hbase, es, feed, metrics, speedLayer::health, drift.board())
              .live(outcomes.scoreboard())
              .start(host, port);
      SpeedViewLoader loader = null;
      Thread loaderThread = null;
      DeadLetterProducer deadLetters = null;
      if (!noLoader) {
        KafkaTopics.ensure(
            bootstrap, List.of(TopicSpec.of(Topics.deadLetters(predictionsTopic), 1)));
        deadLetters =
            new DeadLetterProducer(bootstrap, Topics.deadLetters(predictionsTopic), "serving");
        loader =
            new SpeedViewLoader(
                SpeedViewConsumer.create(bootstrap, groupId, instance),
                predictionsTopic,
                List.of(hbase.writer(), es.writer()),
                deadLetters,
                feed,
                metrics);
        loaderThread = new Thread(loader, "speed-view-loader");
        loaderThread.start();
      }
      String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
      System.out.printf(
          "serving layer: web view http://%s:%d/  API http://%s:%d/api/  metrics http://%s:%d/metrics%n",
          shown, api.port(), shown, api.port(), shown, api.port());
      System.out.printf(
          "stores: HBase %s (ZooKeeper %s), Elasticsearch alias '%s' at %s; speed view %s%n",
          HBaseViews.PREDICTIONS,
          stores.zookeeper,
          EsViews.ALIAS,
          stores.elasticsearch,
          noLoader ? "not loaded here" : "from topic '" + predictionsTopic + "'");
      CountDownLatch stopped = new CountDownLatch(1);
      SpeedViewLoader runningLoader = loader;
      Thread runningThread = loaderThread;
      DeadLetterProducer dlq = deadLetters;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    LOG.info("stopping the serving layer");
                    if (runningLoader != null) {
                      runningLoader.stop();
                      join(runningThread);
                      dlq.close();
                    }
                    api.close();
                    speedLayer.close();
                    outcomes.close();
                    if (driftSeries != null) {
                      driftSeries.close(); // before the board's consumer and Elasticsearch
                    }
                    drift.close();
                    closeQuietly(es);
                    closeQuietly(hbase);
                    System.out.printf(
                        "stopped: %,d speed rows loaded, %,d poison records%n",
                        metrics.speedRows.sum(), metrics.poison.sum());
                    stopped.countDown();
                  },
                  "serving-stop"));
      try {
        if (loaderThread != null) {
          loaderThread.join();
        }
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static void join(Thread thread) {
      try {
        thread.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** {@code stocklambda serving load-batch}. */
  public static final class LoadBatch extends ServingOptions.LoadBatch implements Runnable {

    @Override
    public void run() {
      MasterLayout layout = dataset.layout();
      try (FileSystem fs = Hdfs.open(dataset.hdfs);
          HBaseViews hbase = HBaseViews.connect(stores(this));
          EsViews es = EsViews.connect(stores.elasticsearch);
          GracefulStop stop = GracefulStop.install(Duration.ofSeconds(30))) {
        Path dir = new Path(view != null ? layout.batchView(view) : newestView(fs, layout));
        new BatchViewLoader(
                hbase, es, new ServingMetrics(), System.out, stop::requested, esParallelism)
            .load(fs, dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static String newestView(FileSystem fs, MasterLayout layout) throws IOException {
      Path views = new Path(layout.batchViews());
      if (!fs.exists(views)) {
        throw new IllegalArgumentException(
            "no batch view under " + views + "; run 'stocklambda batch view' first");
      }
      String newest = null;
      long newestTime = Long.MIN_VALUE;
      for (org.apache.hadoop.fs.FileStatus s : fs.listStatus(views)) {
        Path info = new Path(s.getPath(), io.stocklambda.core.dataset.BatchViewInfo.FILE);
        if (s.isDirectory()
            && fs.exists(info)
            && fs.getFileStatus(info).getModificationTime() > newestTime) {
          newestTime = fs.getFileStatus(info).getModificationTime();
          newest = s.getPath().toUri().getPath();
        }
      }
      if (newest == null) {
        throw new IllegalArgumentException(
            "no complete batch view under " + views + "; run 'stocklambda batch view' first");
      }
      return newest;
    }
  }

  /** {@code stocklambda serving load-backfill}. */
  public static final class LoadBackfill extends ServingOptions.LoadBackfill implements Runnable {

    @Override
    public void run() {
      try (FileSystem fs = Hdfs.open(dataset.hdfs);
          HBaseViews hbase = HBaseViews.connect(stores(this));
          EsViews es = EsViews.connect(stores.elasticsearch);
          GracefulStop stop = GracefulStop.install(Duration.ofSeconds(30))) {
        new BackfillLoader(hbase, es, new ServingMetrics(), System.out, stop::requested)
            .load(fs, new Path(dataset.layout().backfill(run)));
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
