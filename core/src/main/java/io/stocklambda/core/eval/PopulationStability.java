package io.stocklambda.core.eval;

/**
 * The population stability index (PSI) of one feature: how far the live distribution over a
 * feature's training bins has moved from the training one.
 *
 * <p>{@code PSI = sum over bins of (a - e) * ln(a / e)}, {@code e} the bin's training share and
 * {@code a} its live share. Source: N. Siddiqi, <i>Credit Risk Scorecards: Developing and
 * Implementing Intelligent Credit Scoring</i>, Wiley (2006), its system stability report, with the
 * usual reading: below 0.1 stable, 0.1 to 0.25 a moderate shift, above 0.25 a significant shift. It
 * is the symmetric Kullback-Leibler divergence (Jeffreys') of the two distributions, so it is 0 for
 * identical shares and never negative.
 */
public final class PopulationStability {

  /**
   * Above this PSI a feature has shifted significantly (Siddiqi's threshold) and the serving
   * layer's health turns degraded.
   */
  public static final double DEGRADED_ABOVE = 0.25;

  /**
   * Shares below this are taken as this, on both sides: an empty bin would otherwise make {@code
   * ln(a / e)} infinite. A bin empty on both sides then adds 0.
   */
  public static final double EPSILON = 1e-4;

  /**
   * Live windows a PSI needs before it may judge: a floor against judging on a handful. For
   * independent windows drawn from the training distribution itself the PSI is about {@code (bins -
   * 1) / n} by chance (it is close to Pearson's chi-square statistic over {@code n}, whose mean is
   * the bins less one): 0.009 for ten bins at this size, 0.45 at 20 windows. Live windows are not
   * independent (windows of one day move with the market, consecutive windows of a stock overlap),
   * so a thousand windows, about one trading day of the whole market, can exceed {@link
   * #DEGRADED_ABOVE} on a day of a large market move: the health reports that day as drifted, which
   * it is against the training set, not as noise.
   */
  public static final long MIN_WINDOWS = 1_000;

  private PopulationStability() {}

  /**
   * The PSI of live counts against training shares, bin by bin.
   *
   * @param expectedShares the training share of each bin (summing to 1)
   * @param actualCounts live values counted in the same bins
   * @return the PSI (0 or more), NaN when no live value was counted
   * @throws IllegalArgumentException if the two differ in length or a count is negative
   */
  public static double psi(double[] expectedShares, long[] actualCounts) {
    if (expectedShares.length != actualCounts.length) {
      throw new IllegalArgumentException(
          expectedShares.length + " training shares for " + actualCounts.length + " live counts");
    }
    long total = 0;
    for (long c : actualCounts) {
      if (c < 0) {
        throw new IllegalArgumentException("a live count is negative: " + c);
      }
      total += c;
    }
    if (total == 0) {
      return Double.NaN;
    }
    double psi = 0;
    for (int i = 0; i < actualCounts.length; i++) {
      double a = Math.max((double) actualCounts[i] / total, EPSILON);
      double e = Math.max(expectedShares[i], EPSILON);
      psi += (a - e) * Math.log(a / e);
    }
    return psi;
  }
}
