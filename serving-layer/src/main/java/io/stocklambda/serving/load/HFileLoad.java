package io.stocklambda.serving.load;

import io.stocklambda.serving.hbase.HBaseViews;
import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A batch view's HFiles into HBase by bulk load, off the loader's thread, retried while HBase is
 * away.
 */
final class HFileLoad {

  private HFileLoad() {}

  /**
   * How long a bulk load is retried while HBase does not take it (a region server restarting),
   * before the load fails.
   */
  static final java.time.Duration BULK_LOAD_PATIENCE = java.time.Duration.ofMinutes(5);

  /**
   * HBase's bulk load of the view's HFiles, on its own thread: {HFiles, seconds}. The tool retries
   * what is transient within a call; a call that fails (HBase down or restarting) is retried with
   * backoff for {@link #BULK_LOAD_PATIENCE}, after which, as for a refusal (a file it cannot take),
   * the load fails with the tool's reason and the served view stays as it was. A file loaded again
   * after a partial attempt holds the same cells at the same version, which HBase serves once.
   */
  static java.util.concurrent.CompletableFuture<double[]> start(
      HBaseViews hbase, Path hfiles, java.util.function.BooleanSupplier stopping) {
    return java.util.concurrent.CompletableFuture.supplyAsync(
        () -> {
          long started = System.nanoTime();
          int[] loaded = {0};
          boolean done;
          try {
            done =
                Backoff.untilDone(
                    "HBase",
                    "bulk load of " + hfiles,
                    () -> loaded[0] += hbase.writer().bulkLoadBatch(hfiles),
                    stopping,
                    () -> {},
                    BULK_LOAD_PATIENCE);
          } catch (RejectedException e) {
            throw new IllegalStateException(
                "HBase refused the bulk load of "
                    + hfiles
                    + ": "
                    + e.getMessage()
                    + "; the served view is unchanged",
                e);
          }
          if (!done) {
            throw new IllegalStateException(
                "stopped while bulk-loading into HBase; the served view is unchanged");
          }
          return new double[] {loaded[0], (System.nanoTime() - started) / 1e9};
        });
  }

  /** Whether a view directory holds HFiles of the batch family. */
  static boolean hasHFiles(FileSystem fs, Path dir) throws IOException {
    Path family = new Path(dir, io.stocklambda.core.serving.ServingKeys.BATCH_FAMILY);
    return fs.exists(family) && fs.listStatus(family).length > 0;
  }
}
