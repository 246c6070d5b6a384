package io.stocklambda.serving;

import io.stocklambda.core.serving.BatchHorizon;
import io.stocklambda.core.serving.OnlineOfflineParity;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The serving layer's counters and latency histograms, exposed in the Prometheus text format at
 * {@code /metrics}.
 */
public final class ServingMetrics {

  public final LongAdder speedRecords = new LongAdder();
  public final LongAdder speedRows = new LongAdder();
  public final LongAdder poison = new LongAdder();
  public final LongAdder storeRetries = new LongAdder();
  public final LongAdder batchRows = new LongAdder();

  /**
   * Since when (epoch ms) the speed view has been waiting for a store to take a poll's rows; 0
   * while it makes progress.
   */
  private final java.util.concurrent.atomic.AtomicLong speedStalledSince =
      new java.util.concurrent.atomic.AtomicLong();

  /** A speed view waiting this long for a store makes the service degraded. */
  public static final long STALLED_AFTER_MS = 30_000;

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final Map<String, Histogram> latencies = new ConcurrentHashMap<>();
  private final Map<String, Recorder> recorders = new ConcurrentHashMap<>();
  private final Map<String, Histogram> storeWrites = new ConcurrentHashMap<>();
  private final Map<String, Recorder> storeWriteRecorders = new ConcurrentHashMap<>();

  /**
   * The speed-view loader is waiting for a store (called while it retries); the first call sets the
   * time.
   */
  public void speedStalled() {
    speedStalledSince.compareAndSet(0, System.currentTimeMillis());
  }

  /** The speed-view loader wrote a poll's rows. */
  public void speedProgressed() {
    speedStalledSince.set(0);
  }

  /**
   * The speed view's state for health checks: "ok", or how long it has been waiting for a store.
   */
  public String speedViewHealth() {
    return speedViewHealth(System.currentTimeMillis());
  }

  String speedViewHealth(long nowMillis) {
    long since = speedStalledSince.get();
    long waited = since == 0 ? 0 : nowMillis - since;
    return waited < STALLED_AFTER_MS
        ? "ok"
        : "stalled: no speed-view rows written for " + waited / 1000 + " s (a store keeps failing)";
  }

  /** Records one API request of a route, with its status and time. */
  public void request(String route, int status, long micros) {
    requests.computeIfAbsent(route + "\u0000" + status, k -> new LongAdder()).increment();
    recorders.computeIfAbsent(route, k -> new Recorder(3)).recordValue(Math.max(0, micros));
  }

  /** Cumulative latency histogram of a route (microseconds). */
  public synchronized Histogram latency(String route) {
    return cumulative(latencies, recorders, route);
  }

  /**
   * Records one speed-view write that a store took (a put of a poll's rows into HBase, a bulk
   * request into Elasticsearch), with its time in microseconds; failed attempts are counted as
   * retries instead.
   */
  public void storeWrite(String store, long micros) {
    storeWriteRecorders
        .computeIfAbsent(store, k -> new Recorder(3))
        .recordValue(Math.max(0, micros));
  }

  /** Cumulative histogram of a store's speed-view write times (microseconds). */
  public synchronized Histogram storeWriteTime(String store) {
    return cumulative(storeWrites, storeWriteRecorders, store);
  }

  private static Histogram cumulative(
      Map<String, Histogram> totals, Map<String, Recorder> recorders, String key) {
    Histogram total = totals.computeIfAbsent(key, k -> new Histogram(3));
    Recorder recorder = recorders.get(key);
    if (recorder != null) {
      total.add(recorder.getIntervalHistogram());
    }
    return total.copy();
  }

  /** The Prometheus exposition. */
  public synchronized String prometheus() {
    StringBuilder out = new StringBuilder();
    counter(
        out,
        "stocklambda_serving_speed_records_total",
        "Prediction records consumed from Kafka",
        speedRecords.sum());
    counter(
        out,
        "stocklambda_serving_speed_rows_total",
        "Speed-view rows written to both stores",
        speedRows.sum());
    counter(
        out,
        "stocklambda_serving_poison_records_total",
        "Records sent to the dead-letter topic",
        poison.sum());
    counter(
        out, "stocklambda_serving_store_retries_total", "Store writes retried", storeRetries.sum());
    counter(out, "stocklambda_serving_batch_rows_total", "Batch-view rows loaded", batchRows.sum());
    out.append(
        "# HELP stocklambda_api_requests_total API requests by route and status\n# TYPE stocklambda_api_requests_total counter\n");
    requests.forEach(
        (k, v) -> {
          String[] parts = k.split("\u0000");
          out.append(
              String.format(
                  Locale.ROOT,
                  "stocklambda_api_requests_total{route=\"%s\",status=\"%s\"} %d%n",
                  parts[0],
                  parts[1],
                  v.sum()));
        });
    summary(
        out,
        "stocklambda_api_latency_seconds",
        "API latency by route",
        "route",
        recorders.keySet(),
        this::latency);
    summary(
        out,
        "stocklambda_serving_store_write_seconds",
        "Speed-view writes by store, each a poll's rows (HBase) or what queued (Elasticsearch)",
        "store",
        storeWriteRecorders.keySet(),
        this::storeWriteTime);
    return out.toString();
  }

  /** A Prometheus summary (p50, p99, p99.9 and count) of microsecond histograms, in seconds. */
  private static void summary(
      StringBuilder out,
      String name,
      String help,
      String label,
      java.util.Set<String> keys,
      java.util.function.Function<String, Histogram> histogram) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" summary\n");
    for (String key : keys) {
      Histogram h = histogram.apply(key);
      for (double q : new double[] {0.5, 0.99, 0.999}) {
        out.append(
            String.format(
                Locale.ROOT,
                "%s{%s=\"%s\",quantile=\"%s\"} %.6f%n",
                name,
                label,
                key,
                q,
                h.getValueAtPercentile(q * 100) / 1e6));
      }
      out.append(
          String.format(
              Locale.ROOT, "%s_count{%s=\"%s\"} %d%n", name, label, key, h.getTotalCount()));
    }
  }

  private static void counter(StringBuilder out, String name, String help, long value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" counter\n");
    out.append(name).append(' ').append(value).append('\n');
  }

  /**
   * Gauges of what is served: the distribution of the live probabilities (a Prometheus histogram of
   * {@code liveProbabilities.length} equal bins of P(up)), the batch view's lag behind the speed
   * layer in trading days, and the online/offline parity its load found (absent for a view loaded
   * before parity was checked).
   */
  public static String servedView(
      BatchHorizon view, long lagTradingDays, long[] liveProbabilities, double probabilitySum) {
    StringBuilder out = new StringBuilder();
    out.append(
        "# HELP stocklambda_live_probability_up Live predictions served by P(up), cumulative\n"
            + "# TYPE stocklambda_live_probability_up histogram\n");
    long cumulative = 0;
    for (int i = 0; i < liveProbabilities.length; i++) {
      cumulative += liveProbabilities[i];
      out.append(
          String.format(
              Locale.ROOT,
              "stocklambda_live_probability_up_bucket{le=\"%s\"} %d%n",
              i == liveProbabilities.length - 1
                  ? "+Inf"
                  : String.format(Locale.ROOT, "%.2f", (i + 1.0) / liveProbabilities.length),
              cumulative));
    }
    out.append(
        String.format(Locale.ROOT, "stocklambda_live_probability_up_sum %.6f%n", probabilitySum));
    out.append(
        String.format(Locale.ROOT, "stocklambda_live_probability_up_count %d%n", cumulative));
    gauge(
        out,
        "stocklambda_batch_view_lag_trading_days",
        "Trading days the speed layer has served after the batch view's horizon",
        "",
        lagTradingDays);
    OnlineOfflineParity.Result p = view == null ? null : view.parity();
    if (p != null) {
      String labels =
          String.format(Locale.ROOT, "{view=\"%s\",model=\"%s\"}", view.run(), view.modelVersion());
      gauge(
          out,
          "stocklambda_parity_compared",
          "Speed predictions compared with the batch view's, same model",
          labels,
          p.compared());
      gauge(
          out,
          "stocklambda_parity_differing",
          "Compared predictions whose probabilities differ beyond 1e-9",
          labels,
          p.differing());
      gauge(
          out,
          "stocklambda_parity_max_abs_difference",
          "Largest probability difference between the speed and the batch layer",
          labels,
          p.maxAbsDifference());
      gauge(
          out,
          "stocklambda_parity_other_version",
          "Speed predictions of the covered dates by another model version (not compared)",
          labels,
          p.otherVersion());
    }
    return out.toString();
  }

  private static void gauge(
      StringBuilder out, String name, String help, String labels, double value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
    out.append(name).append(labels).append(' ');
    out.append(
        value == Math.rint(value) && Math.abs(value) < 1e15
            ? Long.toString((long) value)
            : String.format(Locale.ROOT, "%.6e", value));
    out.append('\n');
  }
}
