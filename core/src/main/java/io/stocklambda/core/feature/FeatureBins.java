package io.stocklambda.core.feature;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training distribution of each feature, as the population stability index needs it: decile
 * bins fitted on the training rows and the share of those rows in each bin. A model artifact
 * carries them ({@code featureBins}), so the speed layer can count live windows into the same bins.
 *
 * <p>Bins of one feature are cut at its {@code edges}, strictly increasing: bin 0 holds values
 * {@code <= edges[0]}, bin {@code i} values in {@code (edges[i-1], edges[i]]}, the last bin values
 * {@code > edges[last]} (a value equal to an edge goes left, as a tree's split does). So a feature
 * has {@code edges.size() + 1} bins, and {@code shares} (each in [0, 1], summing to 1) says which
 * part of the training rows fell in each.
 *
 * @param features feature names, in the feature spec's vector order
 * @param edges per feature, its cut points: the deciles of its training values, a tie that
 *     collapses two deciles into one value kept once (a constant feature has one edge and two bins)
 * @param shares per feature, the training share of each bin
 */
public record FeatureBins(
    List<String> features, List<List<Double>> edges, List<List<Double>> shares) {

  /** Nine cut points: deciles. */
  public static final int BINS = 10;

  /** How far a bin's shares may sum from 1 (rounding of the JSON's doubles). */
  static final double SUM_TOLERANCE = 1e-9;

  public FeatureBins {
    features = features == null ? List.of() : List.copyOf(features);
    edges = edges == null ? List.of() : edges.stream().map(List::copyOf).toList();
    shares = shares == null ? List.of() : shares.stream().map(List::copyOf).toList();
  }

  /**
   * Fits the bins on training rows: for each feature the lower empirical deciles of its values (the
   * {@code k}-th cut is the smallest value with at least {@code k/10} of the rows at or below it,
   * {@code k = 1..9}), duplicates dropped, and the share of rows in each bin under {@link #bin}.
   * Deterministic: the same rows in any order give the same bins.
   *
   * @param names the feature names, in vector order
   * @param rows feature vectors of {@code names.size()} finite values each
   * @throws IllegalArgumentException if there is no row, a row has another length, or a value is
   *     not finite
   */
  public static FeatureBins fit(List<String> names, double[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("bins need at least one training row");
    }
    List<List<Double>> edges = new ArrayList<>();
    List<List<Double>> shares = new ArrayList<>();
    double[] column = new double[rows.length];
    for (int f = 0; f < names.size(); f++) {
      for (int r = 0; r < rows.length; r++) {
        if (rows[r].length != names.size()) {
          throw new IllegalArgumentException(
              "row " + r + " has " + rows[r].length + " features, expected " + names.size());
        }
        if (!Double.isFinite(rows[r][f])) {
          throw new IllegalArgumentException(
              "row " + r + ": feature " + names.get(f) + " is " + rows[r][f]);
        }
        column[r] = rows[r][f] + 0.0; // -0.0 is 0.0: one value, one edge
      }
      Arrays.sort(column);
      double[] cuts = deciles(column);
      long[] counts = new long[cuts.length + 1];
      for (double v : column) {
        counts[bin(cuts, v)]++;
      }
      edges.add(Arrays.stream(cuts).boxed().toList());
      shares.add(Arrays.stream(counts).mapToObj(c -> (double) c / rows.length).toList());
    }
    return new FeatureBins(names, edges, shares);
  }

  private static double[] deciles(double[] sorted) {
    int n = sorted.length;
    return java.util.stream.IntStream.range(1, BINS)
        .mapToDouble(k -> sorted[(int) Math.ceil((double) k * n / BINS) - 1])
        .distinct()
        .toArray();
  }

  /** Bins of a feature: its edges plus one. */
  public int bins(int feature) {
    return edges.get(feature).size() + 1;
  }

  /** The bin of {@code value} for feature {@code feature}; a value equal to an edge goes left. */
  public int bin(int feature, double value) {
    List<Double> cuts = edges.get(feature);
    int lo = 0;
    int hi = cuts.size();
    while (lo < hi) { // the first edge >= value
      int mid = (lo + hi) >>> 1;
      if (cuts.get(mid) < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int bin(double[] cuts, double value) {
    int i = 0;
    while (i < cuts.length && cuts[i] < value) {
      i++;
    }
    return i;
  }

  /** The training shares of feature {@code feature}'s bins. */
  public double[] shares(int feature) {
    return shares.get(feature).stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * Every reason these bins cannot stand for {@code expected}'s training distribution; empty when
   * they can.
   *
   * @param expected the model's feature names, in vector order
   */
  public List<String> problems(List<String> expected) {
    List<String> problems = new ArrayList<>();
    if (!features.equals(expected)) {
      problems.add("feature bins are of " + features + ", the model's features are " + expected);
    }
    if (edges.size() != features.size() || shares.size() != features.size()) {
      problems.add(
          "feature bins: "
              + features.size()
              + " features, "
              + edges.size()
              + " lists of edges, "
              + shares.size()
              + " lists of shares");
      return problems;
    }
    for (int f = 0; f < features.size(); f++) {
      String name = features.get(f);
      List<Double> cuts = edges.get(f);
      List<Double> s = shares.get(f);
      for (int i = 0; i < cuts.size(); i++) {
        Double c = cuts.get(i);
        if (c == null || !Double.isFinite(c) || (i > 0 && !(c > cuts.get(i - 1)))) {
          problems.add("feature bins of " + name + ": edges must be finite and increasing");
          break;
        }
      }
      if (s.size() != cuts.size() + 1) {
        problems.add(
            "feature bins of " + name + ": " + s.size() + " shares for " + cuts.size() + " edges");
      }
      double sum = 0;
      for (Double share : s) {
        if (share == null || !(share >= 0 && share <= 1)) {
          problems.add("feature bins of " + name + ": a share is not in [0, 1]");
          break;
        }
        sum += share;
      }
      if (Math.abs(sum - 1) > SUM_TOLERANCE) {
        problems.add("feature bins of " + name + ": shares sum to " + sum + ", not 1");
      }
    }
    return problems;
  }
}
