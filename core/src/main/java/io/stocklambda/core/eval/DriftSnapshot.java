package io.stocklambda.core.eval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Live windows of one model version counted into its training bins: what the speed layer publishes
 * on the {@code feature-drift} topic (key {@code <modelVersion>/<task>}, one per stream task) and
 * the serving layer sums per version to give each feature's {@link PopulationStability PSI}.
 *
 * @param modelVersion the model whose bins the windows were counted into
 * @param features feature names, in the model's vector order
 * @param trainingShares per feature, the training share of each bin (the model's {@code
 *     featureBins})
 * @param liveCounts per feature, live windows per bin; the same shape as {@code trainingShares}
 * @param windows live windows counted (each counted once per feature)
 * @param since when counting began for this model (the task's start or the model's arrival)
 * @param at when this snapshot was taken
 */
public record DriftSnapshot(
    String modelVersion,
    List<String> features,
    List<List<Double>> trainingShares,
    List<List<Long>> liveCounts,
    long windows,
    Instant since,
    Instant at) {

  /**
   * @throws IllegalArgumentException if the shapes disagree or a count is negative
   */
  public DriftSnapshot {
    Objects.requireNonNull(modelVersion, "modelVersion");
    features = List.copyOf(Objects.requireNonNull(features, "features"));
    trainingShares =
        Objects.requireNonNull(trainingShares, "trainingShares").stream()
            .map(List::copyOf)
            .toList();
    liveCounts =
        Objects.requireNonNull(liveCounts, "liveCounts").stream().map(List::copyOf).toList();
    if (trainingShares.size() != features.size() || liveCounts.size() != features.size()) {
      throw new IllegalArgumentException(
          "drift snapshot of "
              + modelVersion
              + ": "
              + features.size()
              + " features, "
              + trainingShares.size()
              + " training distributions, "
              + liveCounts.size()
              + " live ones");
    }
    for (int f = 0; f < features.size(); f++) {
      if (trainingShares.get(f).size() != liveCounts.get(f).size()) {
        throw new IllegalArgumentException(
            "drift snapshot of " + modelVersion + ": bins of " + features.get(f) + " differ");
      }
      if (liveCounts.get(f).stream().anyMatch(c -> c < 0)) {
        throw new IllegalArgumentException(
            "drift snapshot of " + modelVersion + ": a negative count for " + features.get(f));
      }
    }
    if (windows < 0) {
      throw new IllegalArgumentException("drift snapshot of " + modelVersion + ": windows < 0");
    }
  }

  /** Its key on the {@code feature-drift} topic: {@code <modelVersion>/<task>}. */
  public String key(String task) {
    return modelVersion + "/" + task;
  }

  /** Each feature's PSI, in vector order; NaN for all when no window was counted. */
  public Map<String, Double> psi() {
    Map<String, Double> psi = new LinkedHashMap<>();
    for (int f = 0; f < features.size(); f++) {
      double[] expected = trainingShares.get(f).stream().mapToDouble(Double::doubleValue).toArray();
      long[] actual = liveCounts.get(f).stream().mapToLong(Long::longValue).toArray();
      psi.put(features.get(f), PopulationStability.psi(expected, actual));
    }
    return Collections.unmodifiableMap(psi);
  }

  /**
   * The two tasks' counts as one: counts and windows added, the earlier {@code since}, the later
   * {@code at}.
   *
   * @throws IllegalArgumentException if the other is of another version, features or bins
   */
  public DriftSnapshot merge(DriftSnapshot other) {
    if (!modelVersion.equals(other.modelVersion)
        || !features.equals(other.features)
        || !trainingShares.equals(other.trainingShares)) {
      throw new IllegalArgumentException(
          "cannot add the drift of " + other.modelVersion + " to that of " + modelVersion);
    }
    List<List<Long>> sum = new ArrayList<>();
    for (int f = 0; f < features.size(); f++) {
      List<Long> mine = liveCounts.get(f);
      List<Long> theirs = other.liveCounts.get(f);
      List<Long> bins = new ArrayList<>();
      for (int b = 0; b < mine.size(); b++) {
        bins.add(mine.get(b) + theirs.get(b));
      }
      sum.add(bins);
    }
    return new DriftSnapshot(
        modelVersion,
        features,
        trainingShares,
        sum,
        windows + other.windows,
        earlier(since, other.since),
        at == null || (other.at != null && other.at.isAfter(at)) ? other.at : at);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null || (b != null && b.isBefore(a)) ? b : a;
  }
}
