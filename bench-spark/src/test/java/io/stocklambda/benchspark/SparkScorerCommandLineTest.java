package io.stocklambda.benchspark;

import io.stocklambda.commands.RoundTrip;
import io.stocklambda.commands.bench.SparkScorerOptions;
import org.junit.jupiter.api.Test;

/**
 * The Spark anchor built as a typed record by 'bench speed' parses back, in this component's CLI,
 * to the same options.
 */
class SparkScorerCommandLineTest {

  @Test
  void sparkScorer() {
    SparkScorerOptions scorer = new SparkScorerOptions();
    scorer.bootstrap = "k:9092";
    scorer.ticksTopic = "t";
    scorer.predictionsTopic = "p";
    scorer.modelFile = "/tmp/model.json";
    scorer.checkpoint = "/tmp/cp";
    scorer.master = "local[4]";
    scorer.shufflePartitions = 8;
    scorer.stateStore = "rocksdb";
    scorer.stateApi = "transformWithState";
    scorer.window = 6;
    RoundTrip.check(BenchSparkMain.class, scorer);
  }
}
