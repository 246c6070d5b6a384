package io.stocklambda.ingest.land;

import io.stocklambda.commands.ComponentMain;
import io.stocklambda.commands.ingest.LandOptions;
import io.stocklambda.core.csv.MalformedLimit;
import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.hdfs.Hdfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;

/** {@code stocklambda ingest land}. */
public final class LandCommand extends LandOptions implements ComponentMain.Executable {

  @Override
  public int execute() {
    LandConfig config =
        new LandConfig(
            Paths.get(input),
            dataset.hdfs,
            dataset.layout(),
            MalformedLinePolicy.valueOf(onMalformed.toUpperCase(Locale.ROOT)),
            MalformedLimit.parse(maxMalformed),
            removeIncomplete);
    try (FileSystem fs = Hdfs.open(config.hdfs())) {
      Lander.Result result = new Lander(fs, System.out, threads).land(config);
      return result.refused() ? 1 : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
