package io.stocklambda.ingest.model;

import io.stocklambda.core.eval.LiveScoreboard;
import io.stocklambda.core.model.CurrentHistory;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelLineage;
import io.stocklambda.core.model.RegistryEvent;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code model list} and {@code model history} print, from what the registry holds: plain
 * formatting, tested without HDFS.
 */
final class RegistryListing {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

  /**
   * One version as the registry holds it.
   *
   * @param lineage null for a version trained before lineage was recorded
   * @param retirement null unless retired
   */
  record Version(
      ModelArtifact artifact, ModelLineage lineage, RegistryEvent retirement, boolean current) {

    String status() {
      return current ? "CURRENT" : retirement != null ? "retired" : "";
    }
  }

  private RegistryListing() {}

  /** The table, oldest version first; with {@code full}, each version's lineage below it. */
  static void list(
      List<Version> versions,
      List<RegistryEvent> events,
      LiveScoreboard shadow,
      boolean full,
      PrintStream out) {
    out.printf(
        "%-20s %-8s %-24s %8s %8s %-17s %-28s %s%n",
        "VERSION",
        "STATUS",
        "ALGORITHM",
        "TEST AUC",
        "PROMO",
        "TRAINED",
        "SHADOW (RESOLVED HIT AUC)",
        "MADE CURRENT");
    for (Version v : versions) {
      ModelArtifact a = v.artifact();
      Optional<RegistryEvent> made = CurrentHistory.lastMadeCurrent(events, a.version());
      out.printf(
          "%-20s %-8s %-24s %8s %8s %-17s %-28s %s%n",
          a.version(),
          v.status(),
          a.algorithm().id(),
          figure(a.metrics(), "test.auc"),
          figure(a.metrics(), "promotion.auc"),
          TIME.format(v.lineage() != null ? v.lineage().trainedAt() : a.createdAt()),
          shadow == null ? "?" : live(shadow.shadow(a.version())),
          made.map(e -> e.by() + " " + TIME.format(e.at()) + " (" + e.reason() + ")").orElse(""));
      if (full) {
        details(v, out);
      }
    }
  }

  private static void details(Version v, PrintStream out) {
    ModelLineage l = v.lineage();
    ModelArtifact a = v.artifact();
    if (l == null) {
      out.println("    lineage: not recorded (trained before lineage existed)");
    } else {
      out.printf("    training set: %s (%s)%n", l.trainingRun(), l.trainingSet());
      out.printf(
          "    master dataset: %s%n",
          l.snapshot() == null ? "not recorded" : l.snapshot().describe());
      out.printf(
          "    code: %s; trained by %s at %s%n", l.codeVersion(), l.trainedBy(), l.trainedAt());
      out.printf("    parameters: %s%n", l.parameters());
    }
    if (a.training() != null) {
      out.printf(
          "    deployed fit: %,d windows %s to %s, labels before %s%n",
          a.training().rows(), a.training().from(), a.training().to(), a.training().cutoff());
    }
    out.printf("    metrics: %s%n", a.metrics());
    if (v.retirement() != null) {
      out.printf(
          "    retired by %s at %s: %s%n",
          v.retirement().by(), v.retirement().at(), v.retirement().reason());
    }
  }

  /** Every event, oldest first. */
  static void history(List<RegistryEvent> events, PrintStream out) {
    if (events.isEmpty()) {
      out.println("no change recorded yet (promotions are recorded since issue 17)");
      return;
    }
    out.printf(
        "%-17s %-11s %-20s %-20s %-10s %s%n", "AT", "ACTION", "VERSION", "REPLACED", "BY", "WHY");
    for (RegistryEvent e : events) {
      out.printf(
          "%-17s %-11s %-20s %-20s %-10s %s%n",
          TIME.format(e.at()),
          e.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
          e.version(),
          e.previous() == null ? "" : e.previous(),
          e.by(),
          e.reason() == null ? "" : e.reason());
    }
  }

  /** A candidate's live figures in shadow: resolved calls, hit rate, AUC. */
  private static String live(LiveScoreboard.Row row) {
    return row == null
        ? ""
        : String.format(
            java.util.Locale.ROOT,
            "%,d %.4f %s",
            row.resolved(),
            row.hitRate(),
            row.auc() == null ? "-" : String.format(java.util.Locale.ROOT, "%.4f", row.auc()));
  }

  private static String figure(Map<String, Double> metrics, String key) {
    Double v = metrics.get(key);
    return v == null || v.isNaN() ? "-" : String.format(java.util.Locale.ROOT, "%.4f", v);
  }
}
