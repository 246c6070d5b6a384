package io.stocklambda.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How well scores rank and call "up" against what happened: the same arithmetic for a model's
 * probabilities and for every baseline's score, so a comparison is never between two
 * implementations.
 *
 * @param auc area under the ROC curve (Mann-Whitney, ties counted half); 0.5 = chance
 * @param accuracy share of calls right, a call being "up" when score > threshold
 * @param balancedAccuracy mean of the true-positive and true-negative rates (0.5 = chance, whatever
 *     the share of up days)
 * @param upShare share of up labels
 */
public record BinaryMetrics(
    long n, double upShare, double auc, double accuracy, double balancedAccuracy) {

  /**
   * @throws IllegalArgumentException if the arrays differ in length or a label is not 0 or 1
   */
  public static BinaryMetrics of(double[] scores, int[] labels, double threshold) {
    check(scores, labels);
    int n = scores.length;
    long positives = 0;
    long tp = 0;
    long tn = 0;
    for (int i = 0; i < n; i++) {
      boolean up = labels[i] == 1;
      boolean call = scores[i] > threshold;
      positives += up ? 1 : 0;
      tp += up && call ? 1 : 0;
      tn += !up && !call ? 1 : 0;
    }
    long negatives = n - positives;
    double tpr = positives == 0 ? Double.NaN : (double) tp / positives;
    double tnr = negatives == 0 ? Double.NaN : (double) tn / negatives;
    return new BinaryMetrics(
        n,
        n == 0 ? Double.NaN : (double) positives / n,
        auc(scores, labels),
        n == 0 ? Double.NaN : (double) (tp + tn) / n,
        (tpr + tnr) / 2);
  }

  /** AUC by ranks: ties share their average rank. NaN when one class is missing. */
  public static double auc(double[] scores, int[] labels) {
    check(scores, labels);
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double positiveRankSum = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (labels[order[k]] == 1) {
          positiveRankSum += averageRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /**
   * The ROC curve at each distinct score, from (0,0) to (1,1): pairs of false- and true-positive
   * rates.
   */
  public static List<double[]> roc(double[] scores, int[] labels) {
    check(scores, labels);
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    long positives = Arrays.stream(labels).filter(l -> l == 1).count();
    long negatives = n - positives;
    List<double[]> curve = new ArrayList<>();
    curve.add(new double[] {0, 0});
    long tp = 0;
    long fp = 0;
    for (int i = 0; i < n; i++) {
      if (labels[order[i]] == 1) {
        tp++;
      } else {
        fp++;
      }
      if (i + 1 == n || scores[order[i + 1]] != scores[order[i]]) {
        curve.add(
            new double[] {
              negatives == 0 ? 0 : (double) fp / negatives,
              positives == 0 ? 0 : (double) tp / positives
            });
      }
    }
    return curve;
  }

  /**
   * The standard error of an AUC from the AUC and the class sizes alone.
   *
   * <p>Source: J. A. Hanley, B. J. McNeil, "The meaning and use of the area under a receiver
   * operating characteristic (ROC) curve", Radiology 143 (1982) 29-36, equation 2, with {@code Q1 =
   * A / (2 - A)} and {@code Q2 = 2A^2 / (1 + A)}. Near 0.5 with 18,000 windows of each class it is
   * about 0.003.
   *
   * @param positives rows labeled 1
   * @param negatives rows labeled 0
   * @throws IllegalArgumentException if a class is empty or the AUC is outside [0, 1]
   */
  public static double aucStandardError(double auc, long positives, long negatives) {
    if (positives < 1 || negatives < 1 || !(auc >= 0 && auc <= 1)) {
      throw new IllegalArgumentException(
          "an AUC in [0, 1] and rows of both classes are needed, got "
              + auc
              + " with "
              + positives
              + " and "
              + negatives);
    }
    double q1 = auc / (2 - auc);
    double q2 = 2 * auc * auc / (1 + auc);
    double variance =
        (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc))
            / ((double) positives * negatives);
    return Math.sqrt(Math.max(0, variance));
  }

  /** One bin of a calibration plot: predicted probability against the share that went up. */
  public record CalibrationBin(
      double from, double to, long count, double meanPredicted, double observedUpShare) {}

  /** Probabilities in {@code bins} equal-width bins over [0, 1]; empty bins are left out. */
  public static List<CalibrationBin> calibration(double[] probabilities, int[] labels, int bins) {
    check(probabilities, labels);
    long[] count = new long[bins];
    double[] predicted = new double[bins];
    long[] up = new long[bins];
    for (int i = 0; i < probabilities.length; i++) {
      int b = Math.min(bins - 1, Math.max(0, (int) (probabilities[i] * bins)));
      count[b]++;
      predicted[b] += probabilities[i];
      up[b] += labels[i];
    }
    List<CalibrationBin> out = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        out.add(
            new CalibrationBin(
                (double) b / bins,
                (double) (b + 1) / bins,
                count[b],
                predicted[b] / count[b],
                (double) up[b] / count[b]));
      }
    }
    return out;
  }

  private static void check(double[] scores, int[] labels) {
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(
          scores.length + " scores for " + labels.length + " labels");
    }
    for (int label : labels) {
      if (label != 0 && label != 1) {
        throw new IllegalArgumentException("labels must be 0 or 1, found " + label);
      }
    }
  }
}
