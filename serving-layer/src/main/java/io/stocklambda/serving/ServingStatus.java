package io.stocklambda.serving;

import io.stocklambda.commands.serving.ServingOptions;
import io.stocklambda.serving.es.EsViews;
import io.stocklambda.serving.hbase.HBaseViews;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** {@code stocklambda serving status}. */
public final class ServingStatus extends ServingOptions.Status implements Runnable {

  @Override
  public void run() {
    try (HBaseViews hbase = HBaseViews.connect(ServingMain.stores(this));
        EsViews es = EsViews.connect(stores.elasticsearch)) {
      java.util.Optional<io.stocklambda.core.serving.BatchHorizon> view = hbase.currentBatch();
      List<String> indices = es.writer().servedBatchIndices();
      if (view.isEmpty()) {
        System.out.println(
            "batch view: none served yet ('stocklambda serving load-batch' serves one)");
      } else {
        io.stocklambda.core.serving.BatchHorizon v = view.get();
        System.out.printf(
            "batch view: %s by model %s up to %s, HBase version %d, %,d rows loaded at %s; Elasticsearch %s%n",
            v.run(),
            v.modelVersion(),
            v.horizon(),
            v.version(),
            v.rows(),
            v.loadedAt(),
            String.join(", ", indices));
      }
      if (count) {
        long[] rows =
            hbase
                .queries()
                .countRows(view.map(io.stocklambda.core.serving.BatchHorizon::version).orElse(-2L));
        System.out.printf(
            "HBase %s: batch view rows %,d, speed view rows %,d%n",
            HBaseViews.PREDICTIONS, rows[0], rows[1]);
        for (String index : indices) {
          System.out.printf("Elasticsearch %s: %,d documents%n", index, es.writer().count(index));
        }
        System.out.printf(
            "Elasticsearch %s: %,d documents%n",
            EsViews.SPEED_INDEX, es.writer().count(EsViews.SPEED_INDEX));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
