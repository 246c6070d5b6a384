package io.stocklambda.bench;

import io.stocklambda.core.dataset.BatchViewInfo;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelScorer;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.core.window.LabeledWindow;
import io.stocklambda.core.window.WindowLabeler;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The serving benchmark's data: a batch view of every window of the input, speed rows after its
 * horizon, the view as files.
 */
final class ServingBenchViews {

  private static final JsonCodec<Prediction> PREDICTIONS = JsonCodec.of(Prediction.class);
  private static final JsonCodec<BatchViewInfo> VIEW = JsonCodec.of(BatchViewInfo.class);

  private ServingBenchViews() {}

  /** Every window of the input scored by core's scorer, resolved where the next close is known. */
  static List<Prediction> batchView(List<Tick> ticks) {
    Map<String, List<Tick>> byStock = new HashMap<>();
    ticks.forEach(t -> byStock.computeIfAbsent(t.stock(), s -> new ArrayList<>()).add(t));
    ModelScorer scorer = ModelScorer.of(BenchData.model());
    Instant now = Instant.now();
    List<Prediction> out = new ArrayList<>();
    for (List<Tick> series : byStock.values()) {
      for (LabeledWindow w : WindowLabeler.windows(series, 5, true)) {
        Prediction p = scorer.score(w.window(), Layer.BATCH, now);
        out.add(w.isLabeled() ? p.withActual(w.label().isUp()) : p);
      }
    }
    return out;
  }

  /** Speed rows after the horizon, one per stock and day: what live days add. */
  static List<Prediction> speedView(List<Prediction> view, LocalDate horizon, int speedRows) {
    Map<String, Prediction> lastOfStock = new HashMap<>();
    view.forEach(
        p -> lastOfStock.merge(p.stock(), p, (a, b) -> a.date().isAfter(b.date()) ? a : b));
    List<Prediction> last = new ArrayList<>(lastOfStock.values());
    List<Prediction> out = new ArrayList<>(speedRows);
    for (int i = 0; i < speedRows; i++) {
      Prediction p = last.get(i % last.size());
      out.add(
          new Prediction(
              p.stock(),
              horizon.plusDays(1 + i / last.size()),
              p.closes(),
              p.probabilityUp(),
              p.up(),
              "bench-speed",
              Layer.SPEED,
              Instant.now(),
              null,
              null));
    }
    return out;
  }

  static Path writeView(List<Prediction> view, LocalDate horizon) throws IOException {
    Path dir = Files.createTempDirectory("stocklambda-bench-view-");
    try (BufferedWriter out =
        Files.newBufferedWriter(dir.resolve("part-00000"), StandardCharsets.UTF_8)) {
      for (Prediction p : view) {
        out.write(PREDICTIONS.encodeToString(p));
        out.write('\n');
      }
    }
    Files.write(
        dir.resolve(BatchViewInfo.FILE),
        VIEW.encode(
            new BatchViewInfo("bench", "bench", "bench", horizon, view.size(), Instant.now())));
    return dir;
  }

  /** A write rate's table row: store, path, rows, seconds, rows per second. */
  static String[] rate(String store, String path, long rows, long startedNanos) {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    return new String[] {
      store,
      path,
      String.format("%,d", rows),
      String.format("%.1f", seconds),
      String.format("%,.0f", rows / seconds)
    };
  }
}
