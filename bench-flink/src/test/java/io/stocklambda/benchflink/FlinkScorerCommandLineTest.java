package io.stocklambda.benchflink;

import io.stocklambda.commands.RoundTrip;
import io.stocklambda.commands.bench.FlinkScorerOptions;
import org.junit.jupiter.api.Test;

/**
 * The Flink anchor built as a typed record by 'bench speed' parses back, in this component's CLI,
 * to the same options.
 */
class FlinkScorerCommandLineTest {

  @Test
  void flinkScorer() {
    FlinkScorerOptions scorer = new FlinkScorerOptions();
    scorer.bootstrap = "k:9092";
    scorer.ticksTopic = "t";
    scorer.predictionsTopic = "p";
    scorer.modelFile = "/tmp/model.json";
    scorer.checkpoint = "/tmp/cp";
    scorer.parallelism = 3;
    scorer.checkpointIntervalMs = 250;
    scorer.window = 6;
    RoundTrip.check(BenchFlinkMain.class, scorer);
  }
}
