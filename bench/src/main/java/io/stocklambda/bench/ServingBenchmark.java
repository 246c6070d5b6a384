package io.stocklambda.bench;

import com.github.rvesse.airline.annotations.Command;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.serving.ServingMetrics;
import io.stocklambda.serving.StoreEndpoints;
import io.stocklambda.serving.api.LiveFeed;
import io.stocklambda.serving.api.QueryApi;
import io.stocklambda.serving.es.EsViews;
import io.stocklambda.serving.hbase.HBaseViews;
import io.stocklambda.serving.load.BatchViewLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.apache.hadoop.fs.FileSystem;

/**
 * {@code stocklambda bench serving}: the serving layer's write and query paths on the real stores
 * (a running stack), with the shared data's windows scored by core's scorer as the batch view.
 * Prints, for HBase and Elasticsearch apart, batch-path rows/s (HBase buffered mutations at one
 * version, Elasticsearch bulk into a load-tuned index) and speed-path rows/s (the speed loader's
 * idempotent batches), the whole batch view load with its swap while concurrent readers query both
 * stores (latency under load), then query latency percentiles on idle stores for a stock's merged
 * predictions from HBase, from the alias, and through the HTTP API. Writes {@code serving.csv} and
 * charts under {@code --report-dir}.
 */
@Command(
    name = "serving",
    description =
        "Serving layer: HBase and Elasticsearch write rates, and query latency percentiles idle and under concurrent readers while loading")
public final class ServingBenchmark extends ServingBenchOptions implements Runnable {

  private final List<List<Object>> csv = new ArrayList<>();
  private final Map<String, double[]> latencyChart = new java.util.LinkedHashMap<>();

  @Override
  public void run() {
    if (help.showHelpIfRequested()) {
      return;
    }
    try {
      execute();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void execute() throws IOException {
    List<Tick> ticks = market.ticks(null);
    List<Prediction> view = ServingBenchViews.batchView(ticks);
    LocalDate horizon = view.stream().map(Prediction::date).max(LocalDate::compareTo).orElseThrow();
    System.out.printf(
        "input: %,d ticks -> %,d batch predictions up to %s%nmachine: %s%n%n",
        ticks.size(), view.size(), horizon, Machine.describe());
    StoreEndpoints endpoints = StoreEndpoints.of(stores.zookeeper, stores.elasticsearch);
    try (HBaseViews hbase = HBaseViews.connect(endpoints);
        EsViews es = EsViews.connect(stores.elasticsearch)) {
      List<String[]> rows = new ArrayList<>();

      // batch path, each store alone: HBase at an unserved version, Elasticsearch into an index
      // dropped after
      long started = System.nanoTime();
      try (io.stocklambda.serving.hbase.HBaseWriter.BatchWriter writer =
          hbase.writer().batchWriter(1)) {
        for (int i = 0; i < view.size(); i++) {
          writer.add(view.get(i));
          if (i % 5000 == 4999) {
            writer.flush();
          }
        }
        writer.flush();
      }
      rows.add(
          ServingBenchViews.rate(
              "HBase", "batch (buffered mutator, 5,000-row flushes)", view.size(), started));
      String index = es.writer().createBatchIndex(1);
      started = System.nanoTime();
      for (int i = 0; i < view.size(); i += 5000) {
        es.writer().writeBatch(index, view.subList(i, Math.min(view.size(), i + 5000)), null);
      }
      es.writer().finishBatchIndex(index);
      rows.add(
          ServingBenchViews.rate(
              "Elasticsearch", "batch (bulk of 5,000, refresh off)", view.size(), started));
      es.writer().deleteIndex(index);

      // speed path: the loader's idempotent batches, after the horizon
      List<Prediction> speed = ServingBenchViews.speedView(view, horizon, speedRows);
      started = System.nanoTime();
      for (int i = 0; i < speed.size(); i += speedBatch) {
        hbase.writer().writeSpeed(speed.subList(i, Math.min(speed.size(), i + speedBatch)));
      }
      rows.add(
          ServingBenchViews.rate(
              "HBase", "speed (puts of " + speedBatch + ")", speed.size(), started));
      started = System.nanoTime();
      for (int i = 0; i < speed.size(); i += speedBatch) {
        es.writer().writeSpeed(speed.subList(i, Math.min(speed.size(), i + speedBatch)));
      }
      rows.add(
          ServingBenchViews.rate(
              "Elasticsearch", "speed (bulk of " + speedBatch + ")", speed.size(), started));

      // the whole batch view load: both stores, then the swap and the expiry, with readers querying
      // throughout
      Path dir = ServingBenchViews.writeView(view, horizon);
      FileSystem local = FileSystem.getLocal(new org.apache.hadoop.conf.Configuration());
      LoadReaders underLoad = new LoadReaders(hbase, es, view, readers, csv, latencyChart);
      BatchViewLoader.Loaded loaded;
      try {
        loaded =
            new BatchViewLoader(hbase, es, new ServingMetrics(), System.out, () -> false)
                .load(local, new org.apache.hadoop.fs.Path(dir.toUri()));
      } finally {
        underLoad.stop();
      }
      rows.add(
          new String[] {
            "both",
            "batch view load + swap",
            String.format("%,d", loaded.rows()),
            String.format("%.1f", loaded.seconds()),
            String.format("%,.0f", loaded.rows() / loaded.seconds())
          });
      es.writer().refresh();

      System.out.printf("%n%-14s %-44s %12s %9s %12s%n", "store", "path", "rows", "s", "rows/s");
      rows.forEach(r -> System.out.printf("%-14s %-44s %12s %9s %12s%n", (Object[]) r));
      rows.forEach(
          r ->
              csv.add(
                  List.of(
                      "write",
                      r[0],
                      r[1],
                      r[2].replace(",", ""),
                      r[3],
                      r[4].replace(",", ""),
                      "",
                      "",
                      "")));
      underLoad.print(readers, loaded.seconds());
      queries(hbase, es, view);
    }
    Report report = new Report(reportDir, "serving");
    Path csvFile =
        report.csv(
            List.of(
                "kind",
                "store",
                "path",
                "rows_or_queries",
                "seconds",
                "rows_per_s",
                "p50_ms",
                "p99_ms",
                "max_ms"),
            csv);
    List<String> categories = new ArrayList<>(latencyChart.keySet());
    Path png = report.png("query-latency");
    new BarChart(
            "bench serving: query latency, idle stores and during a batch view load ("
                + readers
                + " readers)",
            "ms",
            categories)
        .series("p50", latencyChart.values().stream().mapToDouble(v -> v[0]).toArray())
        .series("p99", latencyChart.values().stream().mapToDouble(v -> v[1]).toArray())
        .write(png);
    System.out.printf("%nwrote %s, %s%n", csvFile, png);
  }

  private void queries(HBaseViews hbase, EsViews es, List<Prediction> view) throws IOException {
    Map<String, List<LocalDate>> dates = new HashMap<>();
    view.forEach(p -> dates.computeIfAbsent(p.stock(), s -> new ArrayList<>()).add(p.date()));
    List<String> stocks = new ArrayList<>(dates.keySet());
    try (QueryApi api =
        new QueryApi(hbase, es, new LiveFeed(), new ServingMetrics()).start("127.0.0.1", 0)) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + api.port() + "/api/stocks/";
      Map<String, Query> paths = new java.util.LinkedHashMap<>();
      paths.put(
          "HBase, merged scan", (s, from, to) -> hbase.queries().merged(s, from, to, 500).size());
      paths.put(
          "Elasticsearch alias", (s, from, to) -> es.queries().merged(s, from, to, 500).size());
      paths.put(
          "HTTP API (HBase)",
          (s, from, to) -> {
            HttpResponse<String> r =
                http.send(
                    HttpRequest.newBuilder(
                            URI.create(base + s + "/predictions?from=" + from + "&to=" + to))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
              throw new IOException("HTTP " + r.statusCode() + ": " + r.body());
            }
            return r.body().length();
          });
      System.out.printf(
          "%nqueries: one stock's merged predictions over one year (about 250 rows), random stock and year; %,d per path%n",
          queries);
      System.out.printf(
          "%-22s %10s %10s %10s %10s%n", "path", "p50 ms", "p99 ms", "p99.9 ms", "max ms");
      for (Map.Entry<String, Query> path : paths.entrySet()) {
        Random random = new Random(7);
        Histogram latency = new Histogram(60_000_000L, 3);
        for (int i = 0; i < queries + 200; i++) {
          String stock = stocks.get(random.nextInt(stocks.size()));
          List<LocalDate> d = dates.get(stock);
          LocalDate from = d.get(random.nextInt(d.size()));
          long started = System.nanoTime();
          try {
            path.getValue().run(stock, from, from.plusYears(1));
          } catch (Exception e) {
            throw new IllegalStateException(path.getKey() + " failed: " + e.getMessage(), e);
          }
          if (i >= 200) {
            latency.recordValue((System.nanoTime() - started) / 1_000);
          }
        }
        System.out.printf(
            "%-22s %10.2f %10.2f %10.2f %10.2f%n",
            path.getKey(),
            latency.getValueAtPercentile(50) / 1e3,
            latency.getValueAtPercentile(99) / 1e3,
            latency.getValueAtPercentile(99.9) / 1e3,
            latency.getMaxValue() / 1e3);
        csv.add(
            List.of(
                "query",
                path.getKey(),
                "merged, idle",
                queries,
                "",
                "",
                latency.getValueAtPercentile(50) / 1e3,
                latency.getValueAtPercentile(99) / 1e3,
                latency.getMaxValue() / 1e3));
        latencyChart.put(
            path.getKey() + ", idle",
            new double[] {
              latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3
            });
      }
    }
  }

  private interface Query {
    int run(String stock, LocalDate from, LocalDate to) throws Exception;
  }
}
