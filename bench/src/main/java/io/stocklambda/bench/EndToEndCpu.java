package io.stocklambda.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the CPU of {@code bench end-to-end} goes: for an idle interval (both layers up, no ticks)
 * and for each rate (from its first tick until its last probe was seen or given up), the cores each
 * process used on average ({@link ProcessCpu}), how much of it their JIT compilers used ({@link
 * JitCpu}), the CPU time above idle per 1,000 ticks, and the capacity that CPU per tick gives the
 * machine's cores: {@code (cores - idle) / (CPU per tick)}. The capacity is a linear extrapolation:
 * much of the live path's CPU at a low rate is paid per poll, commit, lookup or refresh, not per
 * tick (at 100 ticks/s the whole path took more than a core), so it tells something only of a rate
 * high enough for the per-tick costs to dominate.
 */
final class EndToEndCpu {

  private EndToEndCpu() {}

  /**
   * One measured interval.
   *
   * @param rate ticks/s, 0 for the idle interval
   * @param ticks ticks sent in it
   * @param seconds its wall time, s
   * @param cores by component, cores used on average (1.0 is one core busy)
   * @param jitCores the share of {@code cores} that every component's JIT compilers used together
   *     ({@link JitCpu}), NaN if not read
   */
  record Row(int rate, long ticks, double seconds, Map<String, Double> cores, double jitCores) {

    /** A row without the compilers' share. */
    Row(int rate, long ticks, double seconds, Map<String, Double> cores) {
      this(rate, ticks, seconds, cores, Double.NaN);
    }

    double total() {
      return cores.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** CPU ms above the idle interval's per 1,000 ticks, or NaN without ticks. */
    double cpuMsPer1000Ticks(Row idle) {
      if (ticks == 0) {
        return Double.NaN;
      }
      return (total() - idle.total()) * seconds * 1_000 / ticks * 1_000;
    }

    /**
     * Ticks/s the machine's cores (less the idle interval's use) would take at this interval's CPU
     * per tick, or NaN without ticks; a linear extrapolation (see the class).
     */
    double capacity(Row idle, int machineCores) {
      double perTick = cpuMsPer1000Ticks(idle) / 1_000 / 1_000;
      return perTick > 0 ? (machineCores - idle.total()) / perTick : Double.NaN;
    }
  }

  /**
   * Prints the table and writes {@code end-to-end-cpu.csv} (cores to three decimals); returns the
   * CSV's path.
   *
   * @param machineCores the cores the capacity is computed for
   */
  static Path report(
      List<String> components, Row idle, List<Row> runs, int machineCores, String reportDir) {
    StringBuilder head = new StringBuilder(String.format("%n%8s %8s |", "rate", "seconds"));
    components.forEach(c -> head.append(String.format(" %13s", c)));
    System.out.println(
        "\nCPU, cores in use on average (1.00 = one core busy), by process:"
            + head.append(
                String.format(
                    " | %6s | %6s | %13s | %s", "total", "JIT", "ms/1000 ticks", "capacity")));
    List<List<Object>> rows = new ArrayList<>();
    List<Row> all = new ArrayList<>(List.of(idle));
    all.addAll(runs);
    for (Row r : all) {
      StringBuilder line =
          new StringBuilder(
              String.format(
                  "%8s %8.1f |",
                  r.rate() == 0 ? "idle" : String.format("%,d", r.rate()), r.seconds()));
      List<Object> cells = new ArrayList<>(List.of(r.rate(), r.ticks(), round(r.seconds(), 1)));
      for (String c : components) {
        double cores = r.cores().getOrDefault(c, 0.0);
        line.append(String.format(" %13.2f", cores));
        cells.add(cores);
      }
      double perTicks = r.cpuMsPer1000Ticks(idle);
      double capacity = r.capacity(idle, machineCores);
      line.append(
          String.format(
              " | %6.2f | %6s | %13s | %s",
              r.total(),
              Double.isNaN(r.jitCores()) ? "" : String.format("%.2f", r.jitCores()),
              Double.isNaN(perTicks) ? "" : String.format("%,.0f", perTicks),
              Double.isNaN(capacity) ? "" : String.format("%,.0f ticks/s", capacity)));
      System.out.println(line);
      cells.add(r.total());
      cells.add(Double.isNaN(r.jitCores()) ? "" : r.jitCores());
      cells.add(Double.isNaN(perTicks) ? "" : Math.round(perTicks));
      cells.add(Double.isNaN(capacity) ? "" : Math.round(capacity));
      rows.add(cells);
    }
    List<String> header = new ArrayList<>(List.of("rate", "ticks", "seconds"));
    components.forEach(c -> header.add(c + "_cores"));
    header.addAll(
        List.of("total_cores", "jit_cores", "cpu_ms_per_1000_ticks", "capacity_ticks_per_s"));
    return new Report(reportDir, "end-to-end-cpu").csv(header, rows);
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
