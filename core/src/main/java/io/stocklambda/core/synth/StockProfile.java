package io.stocklambda.core.synth;

/**
 * The hidden character of one synthetic series: where its history starts and ends in the market
 * calendar, its price level and daily dynamics. Drawn from the seed, never written out.
 *
 * @param symbol file symbol, e.g. {@code kmt.us}
 * @param etf an ETF: low volatility, full history
 * @param firstDay index of its first trading day in the calendar
 * @param lastDay index of its last trading day (inclusive)
 * @param initialPrice first close
 * @param drift mean daily log return
 * @param volatility long-run daily volatility
 * @param reversal AR(1) coefficient of daily returns; negative is short-term reversal
 * @param baseVolume typical daily volume
 * @param haltRate probability that a trading day is missing from its file
 * @param stillRate probability that a day has no trade (unchanged OHLC)
 */
public record StockProfile(
    String symbol,
    boolean etf,
    int firstDay,
    int lastDay,
    double initialPrice,
    double drift,
    double volatility,
    double reversal,
    double baseVolume,
    double haltRate,
    double stillRate) {

  public boolean isPenny() {
    return initialPrice < 1.0;
  }
}
