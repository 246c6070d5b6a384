package io.stocklambda.serving.drift;

import io.stocklambda.core.eval.DriftSnapshot;
import io.stocklambda.core.eval.PopulationStability;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the serving layer knows of feature drift: the latest snapshot of every speed-layer task (one
 * per key of the {@code feature-drift} topic), summed per model version, and what follows from it:
 * each feature's PSI as Prometheus gauges, the health of the serving model (the newest version with
 * snapshots), and the JSON of {@code /api/drift}. Thread-safe: the drift consumer writes, requests
 * read.
 */
public final class DriftBoard {

  /** Versions shown at {@code /metrics} and {@code /api/drift}, the newest first. */
  public static final int VERSIONS_SHOWN = 5;

  /**
   * A serving model whose latest snapshot is older than this is not judged: its speed layer has
   * scored nothing since (a closed market, a stopped speed layer) or a model without training bins
   * serves now, whose windows are not counted.
   */
  public static final Duration STALE_AFTER = Duration.ofMinutes(15);

  private final Map<String, DriftSnapshot> latest = new ConcurrentHashMap<>();
  private final Clock clock;

  public DriftBoard() {
    this(Clock.systemUTC());
  }

  /** With the clock that says whether the latest snapshot is recent (tests fix it). */
  public DriftBoard(Clock clock) {
    this.clock = clock;
  }

  /** A task's newer snapshot replaces its older one. */
  public void accept(String key, DriftSnapshot snapshot) {
    latest.put(key, snapshot);
  }

  /** A tombstone on the topic: the task's snapshot is gone. */
  public void remove(String key) {
    latest.remove(key);
  }

  /**
   * Per model version the sum of its tasks' snapshots, the version with the latest snapshot first;
   * at most {@link #VERSIONS_SHOWN}. A task whose bins disagree with the others' of its version (a
   * version published twice with other bins) is left out of the sum.
   */
  public List<DriftSnapshot> versions() {
    Map<String, DriftSnapshot> sums = new LinkedHashMap<>();
    for (DriftSnapshot s : latest.values()) {
      sums.merge(s.modelVersion(), s, DriftBoard::add);
    }
    return sums.values().stream()
        .sorted(
            Comparator.comparing(
                    (DriftSnapshot s) -> s.at() == null ? Instant.MIN : s.at(),
                    Comparator.reverseOrder())
                .thenComparing(DriftSnapshot::modelVersion))
        .limit(VERSIONS_SHOWN)
        .toList();
  }

  private static DriftSnapshot add(DriftSnapshot a, DriftSnapshot b) {
    try {
      return a.merge(b);
    } catch (IllegalArgumentException e) {
      return a;
    }
  }

  /** The serving model's drift: the version with the latest snapshot. */
  public Optional<DriftSnapshot> current() {
    return versions().stream().findFirst();
  }

  /**
   * For {@code /api/health}: "degraded: ..." naming each feature of the serving model whose PSI is
   * above {@link PopulationStability#DEGRADED_ABOVE} once it has {@link
   * PopulationStability#MIN_WINDOWS} live windows, else "ok: ..." or "unknown: ..." (no snapshot,
   * or none for {@link #STALE_AFTER}).
   */
  public String health() {
    Optional<DriftSnapshot> current = current();
    if (current.isEmpty()) {
      return "unknown: no feature-drift snapshot (no window scored by a model with training bins)";
    }
    DriftSnapshot s = current.get();
    if (s.at() != null && s.at().isBefore(clock.instant().minus(STALE_AFTER))) {
      return String.format(
          Locale.ROOT,
          "unknown: the latest feature-drift snapshot (model %s) is from %s, more than %d min ago",
          s.modelVersion(),
          s.at(),
          STALE_AFTER.toMinutes());
    }
    if (s.windows() < PopulationStability.MIN_WINDOWS) {
      return String.format(
          Locale.ROOT,
          "ok: model %s, %,d live window(s), too few to judge drift by (%,d needed)",
          s.modelVersion(),
          s.windows(),
          PopulationStability.MIN_WINDOWS);
    }
    List<String> shifted = new ArrayList<>();
    String largest = null;
    double max = -1;
    for (Map.Entry<String, Double> e : s.psi().entrySet()) {
      if (e.getValue() > PopulationStability.DEGRADED_ABOVE) {
        shifted.add(String.format(Locale.ROOT, "%s PSI %.3f", e.getKey(), e.getValue()));
      }
      if (e.getValue() > max) {
        max = e.getValue();
        largest = e.getKey();
      }
    }
    if (!shifted.isEmpty()) {
      return String.format(
          Locale.ROOT,
          "degraded: model %s, %s (above %.2f) over %,d live windows",
          s.modelVersion(),
          String.join(", ", shifted),
          PopulationStability.DEGRADED_ABOVE,
          s.windows());
    }
    return String.format(
        Locale.ROOT,
        "ok: model %s, largest PSI %.3f (%s) over %,d live windows",
        s.modelVersion(),
        max,
        largest,
        s.windows());
  }

  /** The gauges: each feature's PSI and the windows counted, per model version shown. */
  public String prometheus() {
    List<DriftSnapshot> versions = versions();
    StringBuilder out = new StringBuilder();
    if (versions.isEmpty()) {
      return "";
    }
    out.append(
        "# HELP stocklambda_feature_psi Population stability index of a feature's live windows"
            + " against the model's training set (above 0.25: significant shift)\n"
            + "# TYPE stocklambda_feature_psi gauge\n");
    for (DriftSnapshot s : versions) {
      s.psi()
          .forEach(
              (feature, psi) -> {
                if (!psi.isNaN()) {
                  out.append(
                      String.format(
                          Locale.ROOT,
                          "stocklambda_feature_psi{model=\"%s\",feature=\"%s\"} %.6f%n",
                          label(s.modelVersion()),
                          label(feature),
                          psi));
                }
              });
    }
    out.append(
        "# HELP stocklambda_feature_drift_windows Live windows counted into the model's training"
            + " bins\n# TYPE stocklambda_feature_drift_windows gauge\n");
    for (DriftSnapshot s : versions) {
      out.append(
          String.format(
              Locale.ROOT,
              "stocklambda_feature_drift_windows{model=\"%s\"} %d%n",
              label(s.modelVersion()),
              s.windows()));
    }
    return out.toString();
  }

  /** The body of {@code /api/drift}: the threshold, the health, and each version's features. */
  public Map<String, Object> view() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("degradedAbove", PopulationStability.DEGRADED_ABOVE);
    body.put("minWindows", PopulationStability.MIN_WINDOWS);
    body.put("health", health());
    List<Map<String, Object>> models = new ArrayList<>();
    for (DriftSnapshot s : versions()) {
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("model", s.modelVersion());
      model.put("windows", s.windows());
      model.put("since", s.since());
      model.put("at", s.at());
      List<Map<String, Object>> features = new ArrayList<>();
      s.psi()
          .forEach(
              (name, psi) -> {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("feature", name);
                f.put("psi", psi.isNaN() ? null : psi);
                f.put("shifted", psi > PopulationStability.DEGRADED_ABOVE);
                features.add(f);
              });
      model.put("features", features);
      models.add(model);
    }
    body.put("models", models);
    return body;
  }

  /** A label value in the Prometheus text format: backslash, quote and line feed escaped. */
  static String label(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
