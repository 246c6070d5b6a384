package io.stocklambda.serving.load;

import io.stocklambda.core.dataset.BatchViewInfo;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.progress.Progress;
import io.stocklambda.core.serving.BatchHorizon;
import io.stocklambda.serving.ServingMetrics;
import io.stocklambda.serving.es.EsViews;
import io.stocklambda.serving.hbase.HBaseViews;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Loads a backfill (a batch view of a range, {@code batch/backfills/<run>}) into the batch view
 * being served: the same HBase column version and the same Elasticsearch index, under the same
 * keys ({@code stock|date}), so a row is replaced, never duplicated, and a rerun writes the same
 * rows again. Rows after the served view's horizon are skipped (those dates belong to the speed
 * layer). The next full batch view, swapped in whole, supersedes the backfill.
 */
public final class BackfillLoader {

  private static final int CHUNK = 5_000;

  private final HBaseViews hbase;
  private final EsViews es;
  private final ServingMetrics metrics;
  private final PrintStream out;
  private final BooleanSupplier stopping;

  public BackfillLoader(HBaseViews hbase, EsViews es, ServingMetrics metrics, PrintStream out, BooleanSupplier stopping) {
    this.hbase = hbase;
    this.es = es;
    this.metrics = metrics;
    this.out = out;
    this.stopping = stopping;
  }

  /** What a backfill load wrote. */
  public record Loaded(String run, String modelVersion, long hbaseRows, long elasticsearchRows, long afterHorizon, double seconds) {}

  public Loaded load(FileSystem fs, Path dir) throws IOException {
    long started = System.nanoTime();
    BatchViewInfo info = BatchViewLoader.readInfo(fs, dir);
    BatchHorizon served = hbase.currentBatch().orElseThrow(() -> new IllegalArgumentException(
        "no batch view is served yet; a backfill patches the served one: run 'stocklambda serving load-batch' first"));
    String index = EsViews.BATCH_PREFIX + served.version();
    out.printf("backfill %s (%,d predictions by model %s) into the served batch view %s (version %d, horizon %s)%n",
        info.run(), info.predictions(), info.modelVersion(), served.run(), served.version(), served.horizon());
    long written = 0;
    long skipped = 0;
    try (HBaseViews.BatchWriter hbaseWriter = hbase.batchWriter(served.version());
         Progress progress = Progress.start("backfill " + info.run(), "rows", info.predictions())) {
      List<Prediction> chunk = new ArrayList<>(CHUNK);
      for (Path part : BatchViewLoader.parts(fs, dir)) {
        try (InputStream in = fs.open(part);
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
          int lineNumber = 0;
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
              continue;
            }
            Prediction p = BatchViewLoader.parse(part, lineNumber, line, info);
            if (p.date().isAfter(served.horizon())) {
              skipped++;
            } else {
              chunk.add(p);
            }
            progress.advance(1);
            if (chunk.size() == CHUNK) {
              written += write(hbaseWriter, index, chunk);
              chunk = new ArrayList<>(CHUNK);
            }
          }
        }
      }
      written += write(hbaseWriter, index, chunk);
    }
    es.refresh();
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf("backfill %s: rows written: HBase %,d, Elasticsearch %,d; %,d after the horizon %s skipped; %.1f s%n",
        info.run(), written, written, skipped, served.horizon(), seconds);
    return new Loaded(info.run(), info.modelVersion(), written, written, skipped, seconds);
  }

  private int write(HBaseViews.BatchWriter hbaseWriter, String index, List<Prediction> chunk) {
    if (!BatchViewLoader.writeBoth(hbaseWriter, es, index, chunk, "backfill rows", stopping)) {
      throw new IllegalStateException("stopped while backfilling; rerun the same backfill to finish it (it rewrites the same rows)");
    }
    metrics.batchRows.add(chunk.size());
    return chunk.size();
  }
}
