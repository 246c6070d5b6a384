package io.stocklambda.speed;

import io.stocklambda.commands.RoundTrip;
import io.stocklambda.commands.speed.SpeedRunOptions;
import org.junit.jupiter.api.Test;

/**
 * The speed layer built as a typed record parses back, in this component's CLI, to the same
 * options.
 */
class SpeedCommandLineTest {

  @Test
  void run() {
    SpeedRunOptions run = new SpeedRunOptions();
    run.bootstrap = "k:9092";
    run.applicationId = "app";
    run.instance = "3";
    run.stateDir = "/tmp/state";
    run.threads = 4;
    run.window = 10;
    run.commitIntervalMs = 250;
    run.modelName = "m";
    run.ticksTopic = "t";
    run.predictionsTopic = "p";
    run.modelsTopic = "ms";
    run.partitions = 6;
    run.metricsSeconds = 5;
    RoundTrip.check(SpeedMain.class, run);
  }
}
