package io.stocklambda.serving;

import io.stocklambda.commands.RoundTrip;
import io.stocklambda.commands.serving.KibanaImportOptions;
import io.stocklambda.commands.serving.ServingOptions;
import org.junit.jupiter.api.Test;

/**
 * Every serving command built as a typed record parses back, in this component's CLI, to the same
 * options.
 */
class ServingCommandLinesTest {

  @Test
  void runStatusAndTheLoads() {
    ServingOptions.Run run = new ServingOptions.Run();
    run.stores.zookeeper = "zk:2182";
    run.stores.elasticsearch = "http://es:9201";
    run.bootstrap = "k:9092";
    run.predictionsTopic = "p";
    run.groupId = "g";
    run.instance = "2";
    run.host = "0.0.0.0";
    run.port = 0;
    run.speedApplicationId = "s";
    run.ticksTopic = "t";
    run.noLoader = true;
    RoundTrip.check(ServingMain.class, run);

    ServingOptions.Status status = new ServingOptions.Status();
    status.count = true;
    RoundTrip.check(ServingMain.class, status);

    ServingOptions.LoadBatch load = new ServingOptions.LoadBatch();
    load.dataset.at("hdfs://nn:9000", "/r");
    load.view = "v1";
    load.esParallelism = 2;
    RoundTrip.check(ServingMain.class, load);

    ServingOptions.LoadBackfill backfill = new ServingOptions.LoadBackfill();
    backfill.run = "b1";
    RoundTrip.check(ServingMain.class, backfill);

    KibanaImportOptions kibana = new KibanaImportOptions();
    kibana.url = "http://kibana:5601";
    kibana.file = "/tmp/objects.ndjson";
    kibana.user = "stocklambda_dashboards";
    RoundTrip.check(ServingMain.class, kibana);
  }
}
