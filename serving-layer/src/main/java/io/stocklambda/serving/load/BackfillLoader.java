package io.stocklambda.serving.load;

import io.stocklambda.core.dataset.BatchViewInfo;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.progress.Progress;
import io.stocklambda.core.serving.BatchHorizon;
import io.stocklambda.core.serving.LambdaMerge;
import io.stocklambda.serving.ServingMetrics;
import io.stocklambda.serving.es.EsViews;
import io.stocklambda.serving.hbase.HBaseViews;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Loads a backfill (a batch view of a range, {@code batch/backfills/<run>}) into the batch view
 * being served: the same HBase column version and the same Elasticsearch index, under the same keys
 * ({@code stock|date}), so a row is replaced, never duplicated, and a rerun writes the same rows
 * again. Rows after the served view's horizon are skipped (those dates belong to the speed layer).
 * The next full batch view, swapped in whole, supersedes the backfill.
 */
public final class BackfillLoader {

  private static final int CHUNK = 5_000;

  private final HBaseViews hbase;
  private final EsViews es;
  private final ServingMetrics metrics;
  private final PrintStream out;
  private final BooleanSupplier stopping;

  public BackfillLoader(
      HBaseViews hbase,
      EsViews es,
      ServingMetrics metrics,
      PrintStream out,
      BooleanSupplier stopping) {
    this.hbase = hbase;
    this.es = es;
    this.metrics = metrics;
    this.out = out;
    this.stopping = stopping;
  }

  /** What a backfill load wrote. */
  public record Loaded(
      String run,
      String modelVersion,
      long hbaseRows,
      long elasticsearchRows,
      long afterHorizon,
      double seconds) {}

  public Loaded load(FileSystem fs, Path dir) throws IOException {
    long started = System.nanoTime();
    BatchViewInfo info = ViewRows.readInfo(fs, dir);
    BatchHorizon served =
        hbase
            .currentBatch()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no batch view is served yet; a backfill patches the served one: run 'stocklambda serving load-batch' first"));
    String index = EsViews.BATCH_PREFIX + served.version();
    out.printf(
        "backfill %s (%,d predictions by model %s) into the served batch view %s (version %d, horizon %s)%n",
        info.run(),
        info.predictions(),
        info.modelVersion(),
        served.run(),
        served.version(),
        served.horizon());
    long[] written = {0};
    long[] skipped = {0};
    try (io.stocklambda.serving.hbase.HBaseWriter.BatchWriter hbaseWriter =
            hbase.writer().batchWriter(served.version());
        Progress progress = Progress.start("backfill " + info.run(), "rows", info.predictions())) {
      ViewRows.forEachChunk(
          fs,
          ViewRows.parts(fs, dir),
          info,
          CHUNK,
          chunk -> {
            // dates after the served view's horizon are the speed layer's: left to it
            List<Prediction> batch =
                chunk.stream()
                    .filter(p -> LambdaMerge.layerFor(p.date(), served.horizon()) == Layer.BATCH)
                    .toList();
            skipped[0] += chunk.size() - batch.size();
            written[0] += write(hbaseWriter, index, batch, info.modelLabelsBefore());
            progress.advance(chunk.size());
          });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while backfilling; rerun the same backfill to finish it", e);
    }
    es.writer().refresh();
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(
        "backfill %s: rows written: HBase %,d, Elasticsearch %,d; %,d after the horizon %s skipped; %.1f s%n",
        info.run(), written[0], written[0], skipped[0], served.horizon(), seconds);
    return new Loaded(info.run(), info.modelVersion(), written[0], written[0], skipped[0], seconds);
  }

  private int write(
      io.stocklambda.serving.hbase.HBaseWriter.BatchWriter hbaseWriter,
      String index,
      List<Prediction> chunk,
      java.time.LocalDate labelsBefore) {
    if (!writeBoth(hbaseWriter, es, index, chunk, labelsBefore, "backfill rows", stopping)) {
      throw new IllegalStateException(
          "stopped while backfilling; rerun the same backfill to finish it (it rewrites the same rows)");
    }
    metrics.batchRows.add(chunk.size());
    return chunk.size();
  }

  /**
   * Writes a chunk of batch rows to HBase (at the writer's version) and to an Elasticsearch index,
   * each retried until written; both writes are idempotent.
   *
   * @return false if stopped before both were written
   */
  private static boolean writeBoth(
      io.stocklambda.serving.hbase.HBaseWriter.BatchWriter hbaseWriter,
      EsViews es,
      String index,
      List<Prediction> chunk,
      java.time.LocalDate labelsBefore,
      String what,
      BooleanSupplier stopping) {
    if (chunk.isEmpty()) {
      return true;
    }
    return Backoff.untilDoneOrFail(
            "HBase",
            chunk.size() + " " + what,
            () -> {
              for (Prediction p : chunk) {
                hbaseWriter.add(p);
              }
              hbaseWriter.flush();
            },
            stopping,
            () -> {})
        && Backoff.untilDoneOrFail(
            "Elasticsearch",
            chunk.size() + " " + what,
            () -> es.writer().writeBatch(index, chunk, labelsBefore),
            stopping,
            () -> {});
  }
}
