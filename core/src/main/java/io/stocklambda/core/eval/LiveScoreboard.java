package io.stocklambda.core.eval;

import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Live figures per model version from resolved predictions as they arrive: the served model's
 * (layer speed) and each candidate's scored in shadow (layer shadow) on the same windows. Memory is
 * bounded by the number of distinct probabilities kept per version (rounded to {@link
 * #RESOLUTION}), not by the number of outcomes. Thread-safe.
 *
 * <p>AUC is the Mann-Whitney form (ties count a half) on probabilities rounded to {@link
 * #RESOLUTION}; the Brier score is the mean squared difference between the probability and the
 * outcome (Brier 1950); calibration in the large is the mean probability against the share that
 * went up.
 */
public final class LiveScoreboard {

  /** Probabilities are kept rounded to this (1e-6): AUC is exact for the rounded scores. */
  public static final double RESOLUTION = 1e-6;

  private final Map<String, Tally> tallies = new TreeMap<>();

  /** Counts a resolved prediction; an open one is ignored. */
  public synchronized void add(Prediction p) {
    if (!p.isResolved()) {
      return;
    }
    tallies.computeIfAbsent(p.modelVersion() + "\u0000" + p.layer().id(), k -> new Tally(p)).add(p);
  }

  /** Each version's figures, served (speed) before shadow, then by version. */
  public synchronized List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (Tally t : tallies.values()) {
      rows.add(t.row());
    }
    rows.sort(Comparator.comparing(Row::layer).thenComparing(Row::modelVersion));
    return rows;
  }

  /** The figures of one version in shadow, if it has resolved shadow predictions. */
  public synchronized Row shadow(String version) {
    Tally t = tallies.get(version + "\u0000" + Layer.SHADOW.id());
    return t == null ? null : t.row();
  }

  /**
   * One version's live figures.
   *
   * @param resolved resolved predictions counted
   * @param hitRate share of correct calls
   * @param auc Mann-Whitney AUC, null while one class is missing
   * @param meanProbability mean P(up) of the calls
   * @param upShare share that went up
   * @param brier mean of (P(up) - outcome)^2
   */
  public record Row(
      String modelVersion,
      Layer layer,
      long resolved,
      double hitRate,
      Double auc,
      double meanProbability,
      double upShare,
      double brier) {}

  private static final class Tally {
    private final String version;
    private final Layer layer;
    private long resolved;
    private long correct;
    private long up;
    private double sumProbability;
    private double sumSquaredError;

    /** Rounded probability -> {downs, ups}. */
    private final TreeMap<Long, long[]> scores = new TreeMap<>();

    Tally(Prediction first) {
      this.version = first.modelVersion();
      this.layer = first.layer();
    }

    void add(Prediction p) {
      int y = Boolean.TRUE.equals(p.actualUp()) ? 1 : 0;
      resolved++;
      correct += Boolean.TRUE.equals(p.correct()) ? 1 : 0;
      up += y;
      sumProbability += p.probabilityUp();
      sumSquaredError += (p.probabilityUp() - y) * (p.probabilityUp() - y);
      scores.computeIfAbsent(Math.round(p.probabilityUp() / RESOLUTION), k -> new long[2])[y]++;
    }

    Row row() {
      return new Row(
          version,
          layer,
          resolved,
          (double) correct / resolved,
          auc(),
          sumProbability / resolved,
          (double) up / resolved,
          sumSquaredError / resolved);
    }

    private Double auc() {
      long downs = resolved - up;
      if (up == 0 || downs == 0) {
        return null;
      }
      double pairs = 0;
      long downsBelow = 0;
      for (long[] c : scores.values()) {
        pairs += c[1] * (downsBelow + c[0] / 2.0);
        downsBelow += c[0];
      }
      return pairs / ((double) up * downs);
    }
  }
}
