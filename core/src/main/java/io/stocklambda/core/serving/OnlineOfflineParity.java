package io.stocklambda.core.serving;

import io.stocklambda.core.prediction.Prediction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Online/offline parity: whether the speed layer computed what the batch layer computes for the
 * same window with the same model. When a new batch view covers dates the speed layer scored, each
 * speed prediction is compared with the batch view's prediction of the same stock and date; with
 * the same model version the probabilities must agree within {@link #TOLERANCE} (both layers call
 * core's one scorer on core's one window; a difference means a window, a feature or a model
 * differs). Predictions by another model version are counted apart, not compared.
 *
 * <p>Not thread-safe: one loader feeds it.
 */
public final class OnlineOfflineParity {

  /** Probabilities further apart than this differ. */
  public static final double TOLERANCE = 1e-9;

  private static final int EXAMPLES = 5;

  /**
   * Speed predictions kept at most, to bound a loader's memory: each costs its row key, its model
   * version (shared) and a double, about 150 bytes with the map's entry, 750 MB at the limit.
   */
  public static final int MAX_SPEED_ROWS = 5_000_000;

  /**
   * What a comparison found.
   *
   * @param speedRows speed predictions of the covered dates
   * @param compared those the batch view also scored, with the same model version
   * @param differing compared ones whose probabilities differ by more than {@link #TOLERANCE}
   * @param maxAbsDifference the largest |p(speed) - p(batch)| among the compared, 0 if none
   * @param otherVersion speed predictions whose batch counterpart is by another model version
   * @param examples a few differing ones, {@code stock date speed=p batch=p}
   * @param truncated whether more speed predictions than {@link #MAX_SPEED_ROWS} covered the dates
   *     (only that many were compared)
   */
  public record Result(
      long speedRows,
      long compared,
      long differing,
      double maxAbsDifference,
      long otherVersion,
      List<String> examples,
      boolean truncated) {

    public Result {
      examples = List.copyOf(examples);
    }

    /** One line for logs and reports, and a line per differing example. */
    public String describe() {
      StringBuilder lines = new StringBuilder();
      examples.forEach(e -> lines.append("\n  differs: ").append(e));
      return String.format(
              java.util.Locale.ROOT,
              "online/offline parity: %,d speed prediction(s) of the covered dates, %,d compared with the batch view's by "
                  + "the same model, %,d differing beyond %.0e (largest |dp| %.2e), %,d by another model version",
              speedRows,
              compared,
              differing,
              TOLERANCE,
              maxAbsDifference,
              otherVersion)
          + (truncated ? " (only the first " + MAX_SPEED_ROWS + " speed predictions kept)" : "")
          + lines;
    }
  }

  /** What is kept of a speed prediction: its model version (interned) and probability. */
  private record Online(String modelVersion, double probabilityUp) {}

  private final Map<String, Online> speed = new HashMap<>();
  private final Map<String, String> versions = new HashMap<>();
  private long compared;
  private long differing;
  private long otherVersion;
  private double maxAbsDifference;
  private boolean truncated;
  private final List<String> examples = new ArrayList<>();

  public OnlineOfflineParity() {}

  /**
   * @param speedPredictions the speed layer's predictions for the dates the new view covers
   */
  public OnlineOfflineParity(Collection<Prediction> speedPredictions) {
    speedPredictions.forEach(this::addSpeed);
  }

  /**
   * Keeps a speed prediction of a covered date; returns false once {@link #MAX_SPEED_ROWS} are kept
   * (the rest are not compared, and the result says so).
   */
  public boolean addSpeed(Prediction p) {
    if (speed.size() >= MAX_SPEED_ROWS) {
      truncated = true;
      return false;
    }
    String version = versions.computeIfAbsent(p.modelVersion(), v -> v);
    speed.put(ServingKeys.rowKey(p.stock(), p.date()), new Online(version, p.probabilityUp()));
    return true;
  }

  /** Compares a batch-view prediction with the speed layer's of the same stock and date, if any. */
  public void accept(Prediction batch) {
    if (speed.isEmpty()) {
      return;
    }
    Online online = speed.get(ServingKeys.rowKey(batch.stock(), batch.date()));
    if (online == null) {
      return;
    }
    if (!online.modelVersion().equals(batch.modelVersion())) {
      otherVersion++;
      return;
    }
    compared++;
    double d = Math.abs(online.probabilityUp() - batch.probabilityUp());
    maxAbsDifference = Math.max(maxAbsDifference, d);
    if (d > TOLERANCE) {
      differing++;
      if (examples.size() < EXAMPLES) {
        examples.add(
            String.format(
                java.util.Locale.ROOT,
                "%s %s speed=%.12f batch=%.12f",
                batch.stock(),
                batch.date(),
                online.probabilityUp(),
                batch.probabilityUp()));
      }
    }
  }

  public Result result() {
    return new Result(
        speed.size(), compared, differing, maxAbsDifference, otherVersion, examples, truncated);
  }
}
