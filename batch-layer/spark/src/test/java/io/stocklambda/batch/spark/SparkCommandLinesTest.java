package io.stocklambda.batch.spark;

import io.stocklambda.commands.RoundTrip;
import io.stocklambda.commands.batch.BackfillOptions;
import io.stocklambda.commands.batch.TrainOptions;
import io.stocklambda.commands.batch.ViewOptions;
import org.junit.jupiter.api.Test;

/**
 * Every Spark job built as a typed record parses back, in this component's CLI, to the same
 * options.
 */
class SparkCommandLinesTest {

  @Test
  void trainViewAndBackfill() {
    TrainOptions train = new TrainOptions();
    train.dataset.at("hdfs://nn:9000", "/r");
    train.master = "yarn";
    train.training = "t1";
    train.features = "returns";
    train.window = 6;
    train.cutoff = "2012-01-01";
    train.promotionMonths = 4;
    train.validationYears = 1;
    train.trainYears = "5,0";
    train.gbtIterations = 10;
    train.gbtDepth = 3;
    train.version = "m1";
    train.maxTrainRows = 1000;
    train.maxEvalRows = 500;
    train.promote = "never";
    train.master = "yarn";
    train.deployMode = "cluster";
    train.cluster.hadoopConfDir = "/etc/hadoop/conf";
    RoundTrip.check(SparkMain.class, train);

    ViewOptions view = new ViewOptions();
    view.training = "t1";
    view.model = "m1";
    view.run = "v1";
    RoundTrip.check(SparkMain.class, view);

    BackfillOptions backfill = new BackfillOptions();
    backfill.from = "2015-01-01";
    backfill.to = "2015-02-01";
    backfill.stocks = "ibm.us,brk-b.us";
    backfill.training = "t1";
    backfill.run = "b1";
    RoundTrip.check(SparkMain.class, backfill);
  }
}
