package io.stocklambda.bench;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.tick.Tick;

/**
 * The ticks one rate of {@code bench end-to-end} sends: stock {@code s} of {@code rate} on each
 * trading day from {@link EndToEndRuns#FIRST_DAY}, its close varying by stock and day. The first
 * {@link TickTraffic#PRE_ENCODED} are encoded before the clock starts, as {@code bench speed} sends
 * them: encoding ticks as they were sent was a third of the harness's CPU samples at 10,000 ticks/s
 * (a JFR profile, issue 18), taken from the cores the measured layers share; the rest are encoded
 * as they are sent.
 */
final class EndToEndTicks {

  static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);

  private final String[] stocks;
  private final byte[][] encoded;

  /** Encodes the ticks of {@code days} days of {@code rate} stocks named {@code prefix-<s>.us}. */
  EndToEndTicks(String prefix, int rate, int days) {
    stocks = new String[rate];
    for (int s = 0; s < rate; s++) {
      stocks[s] = prefix + "-" + s + ".us";
    }
    encoded = new byte[(int) Math.min((long) days * rate, TickTraffic.PRE_ENCODED)][];
    for (int i = 0; i < encoded.length; i++) {
      encoded[i] = TICKS.encode(tick(i / rate, i % rate));
    }
  }

  /** Ticks a day: one a stock. */
  int rate() {
    return stocks.length;
  }

  /** The name of stock number {@code s}. */
  String stock(int s) {
    return stocks[s];
  }

  /** The JSON of stock {@code s}'s tick on day {@code day} (0 is the first). */
  byte[] value(int day, int s) {
    long i = (long) day * stocks.length + s;
    return i < encoded.length ? encoded[(int) i] : TICKS.encode(tick(day, s));
  }

  private Tick tick(int day, int s) {
    double close = 10 + ((s * 31 + day * 17) % 100) / 10.0;
    return new Tick(
        stocks[s], EndToEndRuns.FIRST_DAY.plusDays(day), close, close, close, close, 1000);
  }
}
