package io.stocklambda.ingest.land;

import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.dataset.MasterLayout;
import java.nio.file.Path;
import java.util.Objects;

/**
 * @param input            a Kaggle directory, one file, or a merged {@code data.csv}
 * @param hdfs             the master dataset's file system URI
 * @param layout           where the master dataset lives on it
 * @param policy           FAIL: a file with a malformed line stops the landing before anything is
 *                         copied; SKIP: such a file is landed as received and its bad lines counted
 * @param removeIncomplete delete batches an interrupted landing left without a manifest
 */
public record LandConfig(Path input, String hdfs, MasterLayout layout, MalformedLinePolicy policy, boolean removeIncomplete) {

  public LandConfig {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(hdfs, "hdfs");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(policy, "policy");
  }
}
