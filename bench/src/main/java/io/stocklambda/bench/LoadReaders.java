package io.stocklambda.bench;

import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.serving.es.EsViews;
import io.stocklambda.serving.hbase.HBaseViews;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.HdrHistogram.Histogram;

/**
 * Readers querying both stores while a batch view loads and swaps, with their latencies for the
 * report.
 */
/**
 * Readers querying both stores, in turn, until stopped: latency while the batch view loads and
 * swaps.
 */
final class LoadReaders {
  private final List<List<Object>> csv;
  private final Map<String, double[]> latencyChart;

  private final Histogram hbaseLatency = new Histogram(60_000_000L, 3);
  private final Histogram esLatency = new Histogram(60_000_000L, 3);
  private final java.util.concurrent.atomic.AtomicLong errors =
      new java.util.concurrent.atomic.AtomicLong();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopping;
  private String firstError;

  LoadReaders(
      HBaseViews hbase,
      EsViews es,
      List<Prediction> view,
      int n,
      List<List<Object>> csv,
      Map<String, double[]> latencyChart) {
    this.csv = csv;
    this.latencyChart = latencyChart;
    Map<String, List<LocalDate>> dates = new HashMap<>();
    view.forEach(p -> dates.computeIfAbsent(p.stock(), s -> new ArrayList<>()).add(p.date()));
    List<String> stocks = new ArrayList<>(dates.keySet());
    for (int t = 0; t < n; t++) {
      Random random = new Random(100 + t);
      Thread thread =
          new Thread(
              () -> {
                boolean useHBase = true;
                while (!stopping) {
                  String stock = stocks.get(random.nextInt(stocks.size()));
                  List<LocalDate> d = dates.get(stock);
                  LocalDate from = d.get(random.nextInt(d.size()));
                  long started = System.nanoTime();
                  try {
                    if (useHBase) {
                      hbase.queries().merged(stock, from, from.plusYears(1), 500);
                    } else {
                      es.queries().merged(stock, from, from.plusYears(1), 500);
                    }
                    long micros = (System.nanoTime() - started) / 1_000;
                    Histogram h = useHBase ? hbaseLatency : esLatency;
                    synchronized (h) {
                      h.recordValue(Math.min(micros, 60_000_000L));
                    }
                  } catch (Exception e) {
                    if (errors.getAndIncrement() == 0) {
                      firstError = e.toString();
                    }
                  }
                  useHBase = !useHBase;
                }
              },
              "bench-reader-" + t);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  void stop() {
    stopping = true;
    for (Thread t : threads) {
      try {
        t.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  void print(int n, double seconds) {
    if (n == 0) {
      return;
    }
    System.out.printf(
        "%nqueries during the batch view load and swap (%d readers, %.1f s; errors: %d%s)%n",
        n, seconds, errors.get(), firstError == null ? "" : ", first " + firstError);
    System.out.printf(
        "%-22s %10s %10s %10s %10s %10s%n", "path", "queries", "q/s", "p50 ms", "p99 ms", "max ms");
    line("HBase, under load", hbaseLatency, seconds);
    line("ES alias, under load", esLatency, seconds);
  }

  private void line(String name, Histogram h, double seconds) {
    System.out.printf(
        "%-22s %,10d %,10.0f %10.2f %10.2f %10.2f%n",
        name,
        h.getTotalCount(),
        h.getTotalCount() / seconds,
        h.getValueAtPercentile(50) / 1e3,
        h.getValueAtPercentile(99) / 1e3,
        h.getMaxValue() / 1e3);
    csv.add(
        List.of(
            "query",
            name.startsWith("HBase") ? "HBase" : "Elasticsearch",
            "merged, during load",
            h.getTotalCount(),
            seconds,
            h.getTotalCount() / seconds,
            h.getValueAtPercentile(50) / 1e3,
            h.getValueAtPercentile(99) / 1e3,
            h.getMaxValue() / 1e3));
    latencyChart.put(
        name, new double[] {h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3});
  }
}
