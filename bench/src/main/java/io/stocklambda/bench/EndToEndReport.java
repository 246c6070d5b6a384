package io.stocklambda.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code bench end-to-end} prints and writes: per rate, each stage's latency percentiles, the
 * two halves' medians that show a growing backlog, and the processes' CPU; {@code end-to-end.csv},
 * {@code end-to-end-latency.png} and {@code end-to-end-cpu.csv} in the report directory.
 */
final class EndToEndReport {

  private EndToEndReport() {}

  /**
   * @param idle the CPU of the interval without ticks, or null if none was measured (no CPU CSV)
   */
  static void write(
      List<EndToEndRuns.Result> results,
      List<String> components,
      EndToEndCpu.Row idle,
      List<EndToEndCpu.Row> cpuRows,
      String reportDir) {
    System.out.printf(
        "%n%8s %10s %7s | %-15s | %-15s | %-22s | %-22s | %s%n",
        "rate",
        "ticks",
        "probes",
        "scored p50/p99",
        "in Kafka p50/p99",
        "in HBase p50/p99/max",
        "in ES p50/p99/max",
        "not seen");
    List<List<Object>> rows = new ArrayList<>();
    for (EndToEndRuns.Result r : results) {
      System.out.printf(
          "%,8d %,10d %,7d | %7d %7d | %7d %7d | %6d %6d %8d | %6d %6d %8d | %d%n",
          r.rate(),
          r.ticks(),
          r.hbase().all.getTotalCount(),
          r.scored().getValueAtPercentile(50),
          r.scored().getValueAtPercentile(99),
          r.committed().getValueAtPercentile(50),
          r.committed().getValueAtPercentile(99),
          r.hbase().all.getValueAtPercentile(50),
          r.hbase().all.getValueAtPercentile(99),
          r.hbase().all.getMaxValue(),
          r.es().all.getValueAtPercentile(50),
          r.es().all.getValueAtPercentile(99),
          r.es().all.getMaxValue(),
          r.lost());
      rows.add(
          List.of(
              r.rate(),
              r.ticks(),
              r.hbase().all.getTotalCount(),
              r.hbase().all.getValueAtPercentile(50),
              r.hbase().all.getValueAtPercentile(99),
              r.hbase().all.getMaxValue(),
              r.es().all.getValueAtPercentile(50),
              r.es().all.getValueAtPercentile(99),
              r.es().all.getMaxValue(),
              r.lost(),
              r.scored().getValueAtPercentile(50),
              r.scored().getValueAtPercentile(99),
              r.committed().getValueAtPercentile(50),
              r.committed().getValueAtPercentile(99),
              r.hbase().firstHalf.getValueAtPercentile(50),
              r.hbase().secondHalf.getValueAtPercentile(50),
              r.es().firstHalf.getValueAtPercentile(50),
              r.es().secondHalf.getValueAtPercentile(50)));
    }
    System.out.printf(
        "%nbacklog: p50 ms of the probes of the first and of the second half of each rate's"
            + " trading days (a growing backlog makes the second slower)%n"
            + "%8s | %-27s | %-27s%n",
        "rate", "in HBase 1st half / 2nd half", "in ES 1st half / 2nd half");
    for (EndToEndRuns.Result r : results) {
      System.out.printf(
          "%,8d | %13d %13d | %13d %13d%n",
          r.rate(),
          r.hbase().firstHalf.getValueAtPercentile(50),
          r.hbase().secondHalf.getValueAtPercentile(50),
          r.es().firstHalf.getValueAtPercentile(50),
          r.es().secondHalf.getValueAtPercentile(50));
    }
    Report report = new Report(reportDir, "end-to-end");
    Path csv =
        report.csv(
            List.of(
                "rate",
                "ticks",
                "probes",
                "hbase_p50_ms",
                "hbase_p99_ms",
                "hbase_max_ms",
                "es_p50_ms",
                "es_p99_ms",
                "es_max_ms",
                "not_seen",
                "scored_p50_ms",
                "scored_p99_ms",
                "kafka_p50_ms",
                "kafka_p99_ms",
                "hbase_p50_first_half_ms",
                "hbase_p50_second_half_ms",
                "es_p50_first_half_ms",
                "es_p50_second_half_ms"),
            rows);
    List<String> categories =
        results.stream().map(r -> String.format("%,d ticks/s", r.rate())).toList();
    Path png = report.png("latency");
    new BarChart(
            "bench end-to-end: tick produced to prediction readable (p50 and p99)",
            "ms",
            categories)
        .series(
            "HBase p50",
            results.stream().mapToDouble(r -> r.hbase().all.getValueAtPercentile(50)).toArray())
        .series(
            "HBase p99",
            results.stream().mapToDouble(r -> r.hbase().all.getValueAtPercentile(99)).toArray())
        .series(
            "Elasticsearch p50",
            results.stream().mapToDouble(r -> r.es().all.getValueAtPercentile(50)).toArray())
        .series(
            "Elasticsearch p99",
            results.stream().mapToDouble(r -> r.es().all.getValueAtPercentile(99)).toArray())
        .write(png);
    Path cpuCsv =
        idle == null
            ? null
            : EndToEndCpu.report(
                components, idle, cpuRows, Runtime.getRuntime().availableProcessors(), reportDir);
    System.out.printf("%nwrote %s, %s%s%n", csv, png, cpuCsv == null ? "" : ", " + cpuCsv);
  }
}
