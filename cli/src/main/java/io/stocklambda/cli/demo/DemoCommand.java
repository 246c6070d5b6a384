package io.stocklambda.cli.demo;

import com.github.rvesse.airline.annotations.Command;
import io.stocklambda.cli.batch.PipelineRunner;
import io.stocklambda.cli.launch.ComponentLauncher;
import io.stocklambda.commands.batch.BatchPipeline;
import io.stocklambda.commands.ingest.ArchiveOptions;
import io.stocklambda.commands.ingest.LandOptions;
import io.stocklambda.commands.ingest.ReplayOptions;
import io.stocklambda.commands.serving.ServingOptions;
import io.stocklambda.commands.serving.StoreLocation;
import io.stocklambda.commands.speed.SpeedRunOptions;
import io.stocklambda.core.config.Defaults;
import io.stocklambda.core.dataset.DatasetSplit;
import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.progress.GracefulStop;
import io.stocklambda.core.synth.GeneratedMarket;
import io.stocklambda.core.synth.SyntheticMarket;
import io.stocklambda.core.synth.SyntheticMarketConfig;
import io.stocklambda.embedded.stack.EmbeddedStack;
import io.stocklambda.embedded.stack.Endpoints;
import io.stocklambda.embedded.stack.Engine;
import io.stocklambda.embedded.stack.StackException;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;

/**
 * {@code stocklambda demo}: the whole Lambda loop on one machine, from nothing to live predictions
 * in a browser. Brings up the embedded stack, splits the data at a date into history and live
 * parts, lands the history in HDFS, runs the batch layer on it (training set, model, batch view),
 * serves the batch view, starts the speed layer, the serving layer and the archiver, then replays
 * the live part into Kafka at a visible pace while it prints live figures. Ctrl-C or {@code
 * --duration} stops every process it started, in order.
 */
@Command(
    name = "demo",
    description =
        "The whole Lambda loop on the embedded stack: land, batch-train, serve, replay live ticks; "
            + "prints the web view URL and live figures")
public final class DemoCommand extends DemoOptions {

  private DemoChildren children;
  private DemoClock clock;

  @Override
  protected int execute() {
    children = new DemoChildren(out());
    clock = new DemoClock(out(), withOozie);
    Duration limit = duration == null ? null : DemoClock.parseDuration(duration);
    Path home = Paths.get(dir).toAbsolutePath().normalize();
    EmbeddedStack stack =
        new EmbeddedStack(home.resolve("stack"), line -> out().println("  " + line));
    ComponentLauncher launcher = ComponentLauncher.fromDistribution();
    long started = System.nanoTime();
    boolean stackStarted = false;
    try (GracefulStop stop = GracefulStop.install(Duration.ofMinutes(5))) {
      DemoHome.prepare(home, stack, fresh, out());

      clock.step(1, "data");
      Path input =
          data != null ? Paths.get(data).toAbsolutePath() : generate(home.resolve("market"));
      DemoData.Prepared prepared = DemoData.prepare(input, home, liveDays, out());
      if (prepared == null) {
        return 1;
      }
      DatasetSplit.Result split = prepared.split();
      LocalDate firstLive = prepared.firstLive();
      LocalDate lastLive = prepared.lastLive();
      LocalDate cutoff = prepared.timeSplit().cutoff();
      int validationYears = prepared.timeSplit().validationYears();

      // YARN and Oozie only for the retraining through Oozie: the demo's batch run is local
      EnumSet<Engine> engines =
          withOozie
              ? EnumSet.allOf(Engine.class)
              : EnumSet.complementOf(EnumSet.of(Engine.YARN, Engine.OOZIE));
      clock.step(
          2,
          withOozie
              ? "embedded stack (Kafka, HDFS, HBase, Elasticsearch, YARN, Oozie)"
              : "embedded stack (Kafka, HDFS, HBase, Elasticsearch)");
      stackStarted = true;
      stack.up(engines, stackPorts.ports());
      Endpoints at = stack.endpoints();
      if (stop.requested()) {
        return stopAll(stack, home, started, 130);
      }

      clock.step(3, "land the history in the HDFS master dataset");
      LandOptions land = new LandOptions();
      land.input = split.history().toString();
      land.dataset.hdfs = at.hdfsUri();
      int status = launcher.runForeground(land, Map.of());
      if (status != 0 || stop.requested()) {
        return stopAll(stack, home, started, failed("ingest land", status));
      }

      clock.step(
          4,
          "batch layer: training set (MapReduce), model (Spark MLlib, test period from "
              + cutoff
              + "), batch view (Spark)");
      StoreLocation stores = new StoreLocation();
      stores.zookeeper = at.hbaseZookeeperQuorum() + ":" + at.hbaseZookeeperPort();
      stores.elasticsearch = at.elasticsearchUrl();
      BatchPipeline pipeline =
          new BatchPipeline(
              at.hdfsUri(),
              MasterLayout.DEFAULT_ROOT,
              window,
              cutoff.toString(),
              validationYears,
              "demo-" + Defaults.runId(),
              Defaults.SPARK_MASTER,
              at.kafkaBootstrap(),
              stores);
      status =
          new PipelineRunner(launcher, out())
              .run(
                  pipeline,
                  next -> {
                    if (next.name().equals("swap")) {
                      clock.step(5, "serve the batch view in HBase and Elasticsearch");
                    }
                  });
      if (status != 0 || stop.requested()) {
        return stopAll(stack, home, started, failed("batch run", status));
      }

      clock.step(
          6, "serving layer, archiver and speed layer (logs in " + home.resolve("logs") + ")");
      Path logs = home.resolve("logs");
      ServingOptions.Run serving = new ServingOptions.Run();
      serving.stores = stores;
      serving.bootstrap = at.kafkaBootstrap();
      serving.port = port;
      children.start(launcher, serving, "serving", logs);
      ArchiveOptions archive = new ArchiveOptions();
      archive.bootstrap = at.kafkaBootstrap();
      archive.dataset.hdfs = at.hdfsUri();
      archive.rollSeconds = 15;
      children.start(launcher, archive, "archive", logs);
      SpeedRunOptions speedLayer = new SpeedRunOptions();
      speedLayer.bootstrap = at.kafkaBootstrap();
      speedLayer.stateDir = home.resolve("speed").toString();
      speedLayer.window = window;
      children.start(launcher, speedLayer, "speed", logs);
      URI web = URI.create("http://127.0.0.1:" + port + "/");
      try (LiveFigures figures = new LiveFigures(at.kafkaBootstrap(), "ticks", web)) {
        if (!children.awaitServing(figures, stop)) {
          return stopAll(stack, home, started, stop.requested() ? 130 : 1);
        }

        clock.step(
            7,
            String.format(
                Locale.ROOT,
                "replay %d live trading days (%s to %s) at %s day(s)/s",
                liveDays,
                firstLive,
                lastLive,
                speedText()));
        clock.timeline(started);
        ReplayOptions replayOptions = new ReplayOptions();
        replayOptions.input = split.live().toString();
        replayOptions.bootstrap = at.kafkaBootstrap();
        replayOptions.daysPerSecond = speed;
        DemoChildren.Child replay = children.start(launcher, replayOptions, "replay", logs);
        DemoWatch.banner(out(), web, at, limit);
        DemoWatch.watch(
            out(),
            children,
            figures,
            replay,
            split.liveRows(),
            stop,
            limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos(),
            withOozie
                ? () -> {
                  clock.step(
                      8,
                      "retraining through Oozie, as the daily coordinator runs it: the workflow on YARN, the speed and serving layers following");
                  DemoOozie.retrain(launcher, at, stores, window, cutoff, validationYears, out());
                }
                : null);
      }
      return stopAll(stack, home, started, 0);
    } catch (StackException e) {
      out().println("stocklambda demo: " + e.getMessage());
      return stopAll(stackStarted ? stack : null, home, started, 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return stopAll(stack, home, started, 130);
    } catch (RuntimeException | Error e) {
      if (!stackStarted && children.isEmpty()) {
        throw e; // nothing started yet: the error alone says it (bad --data, a previous demo in
        // --dir, ...)
      }
      // whatever went wrong, nothing the demo started is left running
      out().println("stocklambda demo: failed: " + e);
      stopAll(stackStarted ? stack : null, home, started, 1);
      throw e;
    }
  }

  private Path generate(Path market) {
    SyntheticMarketConfig config =
        new SyntheticMarketConfig(stocks, days, seed, SyntheticMarketConfig.DEFAULT_START, 3, 1);
    GeneratedMarket generated = new SyntheticMarket(config).write(market);
    out().printf("  no --data: generated %s (seed %d)%n", generated.describe(), seed);
    return market;
  }

  private int failed(String what, int status) {
    if (status != 0) {
      out().println("stocklambda demo: '" + what + "' exited with " + status);
      return status;
    }
    return 130; // stopped on request between steps
  }

  private String speedText() {
    return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
  }

  /** Stops the children newest first, then the stack unless kept, and says where everything is. */
  private int stopAll(EmbeddedStack stack, Path home, long started, int exit) {
    children.stopAll();
    if (stack != null) {
      if (keepStack) {
        out()
            .println(
                "the stack keeps running; stop it with 'stocklambda stack down --dir "
                    + stack.dir()
                    + "'");
      } else {
        stack.down();
      }
    }
    out()
        .printf(
            "demo %s after %.0f s; everything stays in %s (data/, stack/, logs/); the next demo there replaces it%n",
            exit == 0 ? "finished" : exit == 130 ? "stopped" : "failed",
            (System.nanoTime() - started) / 1e9,
            home);
    return exit;
  }
}
