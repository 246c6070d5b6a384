package io.stocklambda.speed;

import com.github.rvesse.airline.annotations.Group;
import com.github.rvesse.airline.help.Help;
import io.stocklambda.commands.ComponentMain;
import io.stocklambda.commands.speed.SpeedRunOptions;
import io.stocklambda.core.dataset.Topics;
import io.stocklambda.kafka.KafkaTopics;
import io.stocklambda.kafka.TopicSpec;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point of the speed layer: {@code stocklambda speed run}. */
@com.github.rvesse.airline.annotations.Cli(
    name = "stocklambda",
    description = "stocklambda speed layer",
    commands = {Help.class},
    groups =
        @Group(
            name = "speed",
            description = "The speed layer",
            commands = {SpeedMain.Run.class}))
public final class SpeedMain {

  private static final Logger LOG = LoggerFactory.getLogger(SpeedMain.class);

  private SpeedMain() {}

  public static void main(String[] args) {
    ComponentMain.main("speed", SpeedMain.class, args);
  }

  /** {@code stocklambda speed run}. */
  public static final class Run extends SpeedRunOptions implements Runnable {

    @Override
    public void run() {
      SpeedConfig config =
          new SpeedConfig(
              bootstrap,
              applicationId,
              instance,
              Paths.get(stateDir),
              threads,
              window,
              commitIntervalMs,
              modelName,
              ticksTopic,
              predictionsTopic,
              Topics.deadLetters(ticksTopic),
              modelsTopic,
              Topics.FEATURE_DRIFT,
              Duration.ofSeconds(driftSeconds),
              SpeedConfig.parseOverrides(streamsConfig));
      ensureTopics(config, partitions);
      SpeedMetrics metrics = new SpeedMetrics();
      KafkaStreams streams =
          new KafkaStreams(
              ScoringTopology.buildTopology(config, metrics),
              ScoringTopology.streamsConfig(config));
      streams.setUncaughtExceptionHandler(
          e -> {
            LOG.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
          });
      CountDownLatch stopped = new CountDownLatch(1);
      streams.setStateListener(
          (now, before) -> {
            LOG.info("speed layer {} -> {}", before, now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
              stopped.countDown();
            }
          });
      ScheduledExecutorService reporter =
          Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "speed-metrics"));
      Thread hook =
          new Thread(
              () -> {
                LOG.info("stopping the speed layer");
                // within the JVM's stop deadline (core's ProcessLifecycle, 15 s), with time left to
                // print the figures
                if (!streams.close(Duration.ofSeconds(10))) {
                  LOG.warn(
                      "the speed layer did not stop within 10 s (the broker may be unreachable); uncommitted work is redone on restart");
                }
                reporter.shutdownNow();
                stopped.countDown();
                System.out.println("final: " + metrics.snapshot().describe(0));
              },
              "speed-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      long[] last = {0, System.nanoTime(), System.nanoTime()};
      reporter.scheduleAtFixedRate(
          () -> {
            SpeedMetrics.Snapshot s = metrics.snapshot();
            long now = System.nanoTime();
            double rate = (s.ticks() - last[0]) / ((now - last[1]) / 1e9);
            if (s.ticks() != last[0]) {
              last[2] = now; // the last time a tick was processed
            }
            last[0] = s.ticks();
            last[1] = now;
            System.out.println("speed: " + s.describe(rate));
            double waiting = recordsWaiting(streams);
            long idleSeconds = (now - last[2]) / 1_000_000_000L;
            if (waiting > 0 && idleSeconds >= STALLED_SECONDS) {
              // ticks wait in the topic and none is processed: the stream is not making progress
              System.out.printf(
                  "speed: STALLED: no tick processed for %d s while %,.0f record(s) wait (streams %s)%n",
                  idleSeconds, waiting, streams.state());
            }
          },
          metricsSeconds,
          metricsSeconds,
          TimeUnit.SECONDS);
      System.out.printf(
          "speed layer %s: %s -> %s (dead letters to %s), models from %s, %d thread(s), exactly once, commit every %d ms%n",
          applicationId,
          ticksTopic,
          predictionsTopic,
          config.dlqTopic(),
          modelsTopic,
          threads,
          commitIntervalMs);
      streams.start();
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (streams.state() == KafkaStreams.State.ERROR) {
        throw new IllegalStateException("the speed layer stopped on an error; see the log above");
      }
    }

    /** A stream with records waiting and none processed for this long is reported stalled. */
    static final long STALLED_SECONDS = 60;

    /**
     * The consumer's largest lag over its partitions (Kafka's {@code records-lag-max}), 0 when
     * unknown.
     */
    static double recordsWaiting(KafkaStreams streams) {
      double lag = 0;
      for (var m : streams.metrics().entrySet()) {
        if (m.getKey().name().equals("records-lag-max")
            && m.getValue().metricValue() instanceof Double d
            && Double.isFinite(d)) {
          lag = Math.max(lag, d);
        }
      }
      return lag;
    }

    static void ensureTopics(SpeedConfig config, int partitions) {
      int ticks = KafkaTopics.partitions(config.bootstrap(), config.ticksTopic(), partitions);
      List<TopicSpec> topics = new ArrayList<>(TopicSpec.ticks(config.ticksTopic(), ticks));
      topics.add(TopicSpec.of(config.predictionsTopic(), ticks));
      topics.add(TopicSpec.of(config.shadowTopic(), ticks));
      topics.add(TopicSpec.models(config.modelsTopic()));
      topics.add(TopicSpec.featureDrift(config.driftTopic()));
      KafkaTopics.ensure(config.bootstrap(), topics);
    }
  }
}
