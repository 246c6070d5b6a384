package io.stocklambda.serving.load;

import io.stocklambda.core.dataset.BatchViewInfo;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.progress.Progress;
import io.stocklambda.core.serving.BatchHorizon;
import io.stocklambda.core.serving.OnlineOfflineParity;
import io.stocklambda.serving.ServingMetrics;
import io.stocklambda.serving.es.EsViews;
import io.stocklambda.serving.hbase.HBaseViews;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Serves a batch view, swapped in whole: its rows go into a new HBase column version and a new
 * Elasticsearch index, invisible to readers, in chunks each retried until written; then one alias
 * update and one pointer put serve it, and speed rows at or below its horizon are expired. A load
 * interrupted before the swap leaves the served view untouched (its index is dropped by the next
 * load).
 */
public final class BatchViewLoader {

  /**
   * Documents per Elasticsearch bulk request (about 3 MB), and rows per HBase flush on the put
   * path.
   */
  static final int CHUNK = 10_000;

  /** Where a batch view keeps its HFiles, written by the batch layer. */
  static final String HFILES = "_hfiles";

  private final HBaseViews hbase;
  private final EsViews es;
  private final ServingMetrics metrics;
  private final PrintStream out;
  private final BooleanSupplier stopping;
  private final int esParallelism;

  public BatchViewLoader(
      HBaseViews hbase,
      EsViews es,
      ServingMetrics metrics,
      PrintStream out,
      BooleanSupplier stopping) {
    this(
        hbase,
        es,
        metrics,
        out,
        stopping,
        io.stocklambda.commands.serving.ServingOptions.LoadBatch.DEFAULT_ES_PARALLELISM);
  }

  public BatchViewLoader(
      HBaseViews hbase,
      EsViews es,
      ServingMetrics metrics,
      PrintStream out,
      BooleanSupplier stopping,
      int esParallelism) {
    this.hbase = hbase;
    this.es = es;
    this.metrics = metrics;
    this.out = out;
    this.stopping = stopping;
    this.esParallelism = esParallelism;
  }

  /**
   * What a load did.
   *
   * @param hfiles HFiles bulk-loaded into HBase, or 0 when the rows went in by puts
   */
  public record Loaded(
      BatchHorizon view,
      long rows,
      long expiredHBase,
      long expiredElasticsearch,
      double seconds,
      int hfiles,
      double hbaseSeconds,
      double elasticsearchSeconds) {}

  /**
   * Loads the batch view in {@code dir} (a {@code batch/views/<run>} directory) and serves it.
   * HBase gets the view's HFiles by bulk load, in parallel with Elasticsearch's bulk requests; a
   * view without HFiles (a backfill, an older build's view, or one whose files a previous load
   * took) is written to HBase by puts at a new version.
   */
  public Loaded load(FileSystem fs, Path dir) throws IOException {
    long started = System.nanoTime();
    BatchViewInfo info = ViewRows.readInfo(fs, dir);
    List<Path> parts = ViewRows.parts(fs, dir);
    BatchHorizon current = hbase.currentBatch().orElse(null);
    Path hfiles = fs.makeQualified(new Path(dir, HFILES));
    boolean bulk = info.hbaseVersion() != null && HFileLoad.hasHFiles(fs, hfiles);
    long version;
    if (bulk) {
      version = info.hbaseVersion();
      if (current != null && version <= current.version()) {
        throw new IllegalArgumentException(
            "batch view "
                + info.run()
                + " (HBase version "
                + version
                + ") is not newer than the view "
                + "served now ("
                + current.run()
                + ", version "
                + current.version()
                + "); run 'stocklambda batch view' again for a new one");
      }
    } else {
      version =
          current == null
              ? Instant.now().toEpochMilli()
              : Math.max(Instant.now().toEpochMilli(), current.version() + 1);
    }
    for (String stale : es.writer().batchIndices()) {
      if (!es.writer().servedBatchIndices().contains(stale)) {
        es.writer().deleteIndex(stale);
      }
    }
    String index = es.writer().createBatchIndex(version);
    // the speed layer's predictions of the dates this view covers, to check against its own
    OnlineOfflineParity parity = new OnlineOfflineParity();
    hbase.queries().speedUpTo(info.horizon(), parity::addSpeed);
    out.printf(
        "loading batch view %s (%,d predictions by model %s up to %s) as version %d: HBase %s family b (%s), Elasticsearch %s "
            + "(%d parallel bulk requests)%n",
        info.run(),
        info.predictions(),
        info.modelVersion(),
        info.horizon(),
        version,
        HBaseViews.PREDICTIONS,
        bulk ? "bulk load of its HFiles" : "puts",
        index,
        esParallelism);
    java.util.concurrent.CompletableFuture<double[]> hbaseLoad =
        bulk ? HFileLoad.start(hbase, hfiles, stopping) : null;
    long esStarted = System.nanoTime();
    long rows = 0;
    try (io.stocklambda.serving.hbase.HBaseWriter.BatchWriter hbaseWriter =
            bulk ? null : hbase.writer().batchWriter(version);
        ParallelBulk esWriters =
            new ParallelBulk(es, index, info.modelLabelsBefore(), esParallelism, stopping);
        Progress progress =
            Progress.start(
                "batch view " + info.run() + " into Elasticsearch", "rows", info.predictions())) {
      long[] reported = {0};
      rows =
          ViewRows.forEachChunk(
              fs,
              parts,
              info,
              CHUNK,
              chunk -> {
                chunk.forEach(parity::accept);
                write(hbaseWriter, esWriters, chunk);
                progress.advance(esWriters.written() - reported[0]);
                reported[0] = esWriters.written();
              });
      if (!esWriters.finish()) {
        throw new IllegalStateException("stopped while loading; the served view is unchanged");
      }
      progress.advance(esWriters.written() - reported[0]);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading; the served view is unchanged", e);
    }
    double esSeconds = (System.nanoTime() - esStarted) / 1e9;
    double[] hbaseResult;
    try {
      hbaseResult = hbaseLoad == null ? new double[] {0, esSeconds} : hbaseLoad.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    }
    if (rows != info.predictions()) {
      throw new IllegalStateException(
          "batch view "
              + info.run()
              + " announces "
              + info.predictions()
              + " predictions but holds "
              + rows
              + "; not served");
    }
    es.writer().finishBatchIndex(index);
    OnlineOfflineParity.Result checked = parity.result();
    out.println(checked.describe());
    BatchHorizon view =
        new BatchHorizon(
            version, info.run(), info.horizon(), info.modelVersion(), rows, Instant.now(), checked);
    // the swap: one alias update, then one pointer put, each retried while its store is away (both
    // are idempotent); once the
    // alias has moved, the pointer must follow it, so a store's outage here delays the swap instead
    // of splitting it
    if (!Backoff.untilDoneOrFail(
        "Elasticsearch",
        "the alias swap to " + index,
        () -> es.writer().swap(index, info.horizon()),
        stopping,
        () -> {})) {
      throw new IllegalStateException("stopped before the swap; the served view is unchanged");
    }
    if (!Backoff.untilDoneOrFail(
        "HBase",
        "the batch view pointer",
        () -> hbase.writer().swapBatch(view),
        stopping,
        () -> {})) {
      throw new IllegalStateException(
          "stopped after Elasticsearch's alias moved to "
              + index
              + " but before HBase's pointer did: run "
              + "'serving load-batch' for view "
              + info.run()
              + " again to finish the swap");
    }
    long[] expired = new long[2];
    Backoff.untilDoneOrFail(
        "HBase",
        "expiring speed rows",
        () -> expired[0] = hbase.writer().expireSpeed(info.horizon()),
        stopping,
        () -> {});
    Backoff.untilDoneOrFail(
        "Elasticsearch",
        "expiring speed rows",
        () -> expired[1] = es.writer().expireSpeed(info.horizon()),
        stopping,
        () -> {});
    long expiredHBase = expired[0];
    long expiredEs = expired[1];
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(
        "batch view %s served up to %s: %,d rows in %.1f s (%,.0f rows/s into both stores; HBase %s in %.1f s, Elasticsearch "
            + "%.1f s); speed rows expired: %,d in HBase, %,d in Elasticsearch%n",
        info.run(),
        info.horizon(),
        rows,
        seconds,
        rows / seconds,
        bulk ? "bulk load of " + (int) hbaseResult[0] + " HFile(s)" : "puts",
        hbaseResult[1],
        esSeconds,
        expiredHBase,
        expiredEs);
    return new Loaded(
        view,
        rows,
        expiredHBase,
        expiredEs,
        seconds,
        (int) hbaseResult[0],
        hbaseResult[1],
        esSeconds);
  }

  /** A chunk to both stores (HBase only when loading by puts); returns its size. */
  private long write(
      io.stocklambda.serving.hbase.HBaseWriter.BatchWriter hbaseWriter,
      ParallelBulk esWriters,
      List<Prediction> chunk)
      throws InterruptedException {
    if (chunk.isEmpty()) {
      return 0;
    }
    if (hbaseWriter != null
        && !Backoff.untilDoneOrFail(
            "HBase",
            chunk.size() + " batch rows",
            () -> {
              for (Prediction p : chunk) {
                hbaseWriter.add(p);
              }
              hbaseWriter.flush();
            },
            stopping,
            () -> {})) {
      throw new IllegalStateException("stopped while loading; the served view is unchanged");
    }
    if (!esWriters.submit(chunk)) {
      esWriters.finish(); // surfaces a writer's failure, if that is why
      throw new IllegalStateException("stopped while loading; the served view is unchanged");
    }
    metrics.batchRows.add(chunk.size());
    return chunk.size();
  }
}
