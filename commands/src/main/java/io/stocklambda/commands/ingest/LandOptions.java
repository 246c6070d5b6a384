package io.stocklambda.commands.ingest;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.AllowedRawValues;
import com.github.rvesse.airline.annotations.restrictions.Required;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.commands.Component;
import io.stocklambda.commands.DatasetOptions;
import io.stocklambda.core.csv.MalformedLimit;

/** {@code stocklambda ingest land}. */
@Command(
    name = "land",
    description =
        "Copy Kaggle files or a merged data.csv into the HDFS master dataset, immutable; re-landing the same content is a no-op")
public class LandOptions extends DatasetOptions {

  @Option(
      name = "--input",
      title = "input",
      description =
          "A Kaggle directory (Stocks/, ETFs/), one file, or the thesis's merged data.csv")
  @Required
  public String input;

  @Option(
      name = "--on-malformed",
      title = "on-malformed",
      description =
          "skip (default): report every malformed line with its file and "
              + "line, land the files as received and quarantine those lines (named in the manifest, skipped by every reader), unless there "
              + "are more than --max-malformed; fail: land nothing if any line is malformed")
  @AllowedRawValues(allowedValues = {"fail", "skip"})
  public String onMalformed = "skip";

  @Option(
      name = "--max-malformed",
      title = "max-malformed",
      description =
          "With skip: the most malformed lines an input may hold, a "
              + "count (100) or a share of its data lines (0.1%); above it nothing is landed, as with BigQuery's max_bad_records "
              + "(default 0.1%: the Kaggle set has 2 bad lines in 17.45 M)")
  public String maxMalformed = MalformedLimit.DEFAULT.text();

  @Option(name = "--threads", title = "threads", description = "Files copied at once (default 4)")
  @IntegerRange(min = 1, max = 64)
  public int threads = 4;

  @Option(
      name = "--remove-incomplete",
      description = "Delete batches that an interrupted landing left without a manifest")
  public boolean removeIncomplete;

  @Override
  public Component component() {
    return Component.INGEST;
  }

  @Override
  protected String group() {
    return "ingest";
  }
}
