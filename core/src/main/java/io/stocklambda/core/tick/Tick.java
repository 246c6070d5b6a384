package io.stocklambda.core.tick;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One daily bar of one stock: the fact the whole system is built on.
 *
 * <p>Invariants, checked here and nowhere else: a symbol in its one spelling ({@link
 * Symbols#normalize}, so {@code MSFT.US} becomes {@code msft.us} and markup is refused), a date, a
 * finite close above zero, finite open/high/low that are not negative, and a volume that is not
 * negative. Open, high and low may be zero, which data vendors use for "unknown"; features treat
 * them so.
 *
 * <p>JSON input accepts the full form {@code {"stock","date","open","high","low","close","volume"}}
 * and the thesis's form {@code {"stock","price","date"}} (price is the close, and open, high and
 * low are taken to equal it). Dates may carry a time and an offset; the trading date is the local
 * date as written (see {@link TradingDates}). Read in one pass by {@link TickDeserializer}, which
 * makes the tick with {@link #fromJson}, the creator the mapper's generic reader would use.
 */
@JsonDeserialize(using = TickDeserializer.class)
public record Tick(
    String stock, LocalDate date, double open, double high, double low, double close, long volume) {

  public Tick {
    stock = Symbols.normalize(stock);
    Objects.requireNonNull(date, "missing date");
    if (!(close > 0) || Double.isInfinite(close)) {
      throw new IllegalArgumentException("close must be a finite price above zero, was " + close);
    }
    requireNonNegativePrice("open", open);
    requireNonNegativePrice("high", high);
    requireNonNegativePrice("low", low);
    if (volume < 0) {
      throw new IllegalArgumentException("volume must not be negative, was " + volume);
    }
  }

  /** A tick that knows only its close, as the thesis's producer sent them. */
  public static Tick ofClose(String stock, LocalDate date, double close) {
    return new Tick(stock, date, close, close, close, close, 0L);
  }

  @JsonCreator
  static Tick fromJson(
      @JsonProperty("stock") String stock,
      @JsonProperty("date") String date,
      @JsonProperty("open") Double open,
      @JsonProperty("high") Double high,
      @JsonProperty("low") Double low,
      @JsonProperty("close") Double close,
      @JsonProperty("price") Double price,
      @JsonProperty("volume") Long volume) {
    if (date == null) {
      throw new IllegalArgumentException("missing date");
    }
    LocalDate day = TradingDates.parse(date);
    Double last = close != null ? close : price;
    if (last == null) {
      throw new IllegalArgumentException("missing close (or the thesis's price)");
    }
    return new Tick(
        stock,
        day,
        open != null ? open : last,
        high != null ? high : last,
        low != null ? low : last,
        last,
        volume != null ? volume : 0L);
  }

  private static void requireNonNegativePrice(String field, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          field + " must be a finite price not below zero, was " + value);
    }
  }
}
