package io.stocklambda.core.eval;

import io.stocklambda.core.feature.FeatureBins;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Live feature vectors of one model version counted into the model's training bins, to be compared
 * with the training shares by the {@link PopulationStability PSI}. Not thread-safe: one per stream
 * task, published as {@link DriftSnapshot}s.
 */
public final class FeatureDrift {

  private final String modelVersion;
  private final FeatureBins bins;
  private final Instant since;
  private final long[][] counts;
  private long windows;

  /**
   * @param bins the model's {@code featureBins}
   * @param since when counting began
   */
  public FeatureDrift(String modelVersion, FeatureBins bins, Instant since) {
    this.modelVersion = Objects.requireNonNull(modelVersion, "modelVersion");
    this.bins = Objects.requireNonNull(bins, "bins");
    this.since = since;
    this.counts = new long[bins.features().size()][];
    for (int f = 0; f < counts.length; f++) {
      counts[f] = new long[bins.bins(f)];
    }
  }

  public String modelVersion() {
    return modelVersion;
  }

  /**
   * Counts one window's feature vector.
   *
   * @throws IllegalArgumentException if it has another length than the bins' features
   */
  public void add(double[] features) {
    if (features.length != counts.length) {
      throw new IllegalArgumentException(
          "expected " + counts.length + " features, got " + features.length);
    }
    for (int f = 0; f < counts.length; f++) {
      counts[f][bins.bin(f, features[f])]++;
    }
    windows++;
  }

  /** Windows counted so far. */
  public long windows() {
    return windows;
  }

  /** Each feature's PSI so far, in vector order (NaN before the first window). */
  public double[] psi() {
    double[] psi = new double[counts.length];
    for (int f = 0; f < counts.length; f++) {
      psi[f] = PopulationStability.psi(bins.shares(f), counts[f]);
    }
    return psi;
  }

  /** The counts so far, as published. */
  public DriftSnapshot snapshot(Instant at) {
    List<List<Long>> live = new ArrayList<>();
    for (long[] c : counts) {
      live.add(Arrays.stream(c).boxed().toList());
    }
    return new DriftSnapshot(
        modelVersion, bins.features(), bins.shares(), live, windows, since, at);
  }
}
