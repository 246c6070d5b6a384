package io.stocklambda.ingest.land;

import io.stocklambda.core.csv.MalformedLimit;
import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.dataset.MasterLayout;
import java.nio.file.Path;
import java.util.Objects;

/**
 * @param input a Kaggle directory, one file, or a merged {@code data.csv}
 * @param hdfs the master dataset's file system URI
 * @param layout where the master dataset lives on it
 * @param policy FAIL: a malformed line stops the landing before anything is copied; SKIP: files are
 *     landed as received, their bad lines reported, counted and skipped by readers, unless there
 *     are more than {@code limit}
 * @param limit with SKIP, the malformed lines above which nothing is landed
 * @param removeIncomplete delete batches an interrupted landing left without a manifest
 */
public record LandConfig(
    Path input,
    String hdfs,
    MasterLayout layout,
    MalformedLinePolicy policy,
    MalformedLimit limit,
    boolean removeIncomplete) {

  public LandConfig {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(hdfs, "hdfs");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(limit, "limit");
  }
}
