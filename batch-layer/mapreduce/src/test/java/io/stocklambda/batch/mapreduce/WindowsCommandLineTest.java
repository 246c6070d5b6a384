package io.stocklambda.batch.mapreduce;

import io.stocklambda.commands.RoundTrip;
import io.stocklambda.commands.batch.WindowsOptions;
import org.junit.jupiter.api.Test;

/**
 * The windows job built as a typed record parses back, in this component's CLI, to the same
 * options.
 */
class WindowsCommandLineTest {

  @Test
  void windows() {
    WindowsOptions windows = new WindowsOptions();
    windows.dataset.at("hdfs://nn:9000", "/r");
    windows.run = "r1";
    windows.window = 7;
    windows.reducers = 3;
    windows.framework = "yarn";
    windows.cluster.hadoopConfDir = "/etc/hadoop/conf";
    windows.maxMalformed = "0.5%";
    RoundTrip.check(MapReduceMain.class, windows);
  }
}
