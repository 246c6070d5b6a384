package io.stocklambda.core.synth;

/**
 * How the series of a synthetic market are spread over its calendar.
 *
 * <ul>
 *   <li>{@link #COMPACT}: the bundled demo and test market; most series span the whole calendar, a
 *       fifth are listed late, a tenth delisted, a few are only days long.
 *   <li>{@link #KAGGLE}: the shape of the Kaggle "Huge Stock Market Dataset" (1962-01-02 to
 *       2017-11-10, 7,195 stock files of which 32 are empty, 1,344 ETF files, 14.9 M stock rows and
 *       17.45 M with the ETFs): a few series reach back to 1962, most start at the data vendor's
 *       first day (2005-02-25) or at a listing after it, some end early, so files run from a few
 *       rows to about 14,000; two data lines are malformed, as in the real set (a negative low, a
 *       missing field).
 * </ul>
 */
public enum MarketShape {
  COMPACT,
  KAGGLE
}
