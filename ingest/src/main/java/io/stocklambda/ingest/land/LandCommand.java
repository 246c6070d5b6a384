package io.stocklambda.ingest.land;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.AllowedRawValues;
import com.github.rvesse.airline.annotations.restrictions.Required;
import io.stocklambda.core.csv.MalformedLimit;
import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.ingest.Hdfs;
import io.stocklambda.ingest.IngestCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;

/** {@code stocklambda ingest land}. */
@Command(name = "land", description = "Copy Kaggle files or a merged data.csv into the HDFS master dataset, immutable; re-landing the same content is a no-op")
public final class LandCommand extends IngestCommand {

  @Option(name = "--input", title = "input", description = "A Kaggle directory (Stocks/, ETFs/), one file, or the thesis's merged data.csv")
  @Required
  String input;

  @Option(name = "--hdfs", title = "hdfs", description = "File system of the master dataset (default hdfs://127.0.0.1:8020, the embedded stack's)")
  String hdfs = Hdfs.DEFAULT_URI;

  @Option(name = "--root", title = "root", description = "Root of the master dataset on it (default /stocklambda)")
  String root = MasterLayout.DEFAULT_ROOT;

  @Option(name = "--on-malformed", title = "on-malformed", description = "skip (default): report every malformed line with its file and "
      + "line, land the files as received and quarantine those lines (named in the manifest, skipped by every reader), unless there "
      + "are more than --max-malformed; fail: land nothing if any line is malformed")
  @AllowedRawValues(allowedValues = {"fail", "skip"})
  String onMalformed = "skip";

  @Option(name = "--max-malformed", title = "max-malformed", description = "With skip: the most malformed lines an input may hold, a "
      + "count (100) or a share of its data lines (0.1%); above it nothing is landed, as with BigQuery's max_bad_records "
      + "(default 0.1%: the Kaggle set has 2 bad lines in 17.45 M)")
  String maxMalformed = MalformedLimit.DEFAULT.text();

  @Option(name = "--threads", title = "threads", description = "Files copied at once (default 4)")
  @com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange(min = 1, max = 64)
  int threads = 4;

  @Option(name = "--remove-incomplete", description = "Delete batches that an interrupted landing left without a manifest")
  boolean removeIncomplete;

  @Override
  protected int execute() {
    LandConfig config = new LandConfig(Paths.get(input), hdfs, new MasterLayout(root),
        MalformedLinePolicy.valueOf(onMalformed.toUpperCase(Locale.ROOT)), MalformedLimit.parse(maxMalformed), removeIncomplete);
    try (FileSystem fs = Hdfs.open(config.hdfs())) {
      Lander.Result result = new Lander(fs, System.out, threads).land(config);
      return result.refused() ? 1 : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
