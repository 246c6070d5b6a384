package io.stocklambda.bench;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.github.rvesse.airline.HelpOption;
import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.ranges.IntegerRange;
import io.stocklambda.core.json.Json;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.prediction.PredictionJson;
import io.stocklambda.core.tick.Tick;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * {@code stocklambda bench codec}: records per second of the live path's JSON on one thread: ticks
 * written and read, prediction records (a tick's new call carrying the stock's previous call, which
 * the tick resolved, {@link PredictionJson}) written as the speed layer writes them and read, and,
 * beside each one-pass reader, the mapper's generic record reader it replaced (for prediction
 * records applied twice, once for the call, once for the carried call, as they were read before
 * issue 18), so that the gain is measured in the same run on the same machine. The records are
 * shaped as the speed layer sees them: 1,000 stocks a trading day, prices in cents, and {@code
 * scoredAt} the stream thread's clock in milliseconds, one reading a poll of 2,000 records.
 */
@Command(
    name = "codec",
    description =
        "Measure the live path's JSON: ticks and prediction records written and read (records/s)")
public final class CodecBenchmark implements Runnable {

  @AirlineModule private HelpOption<CodecBenchmark> help;

  @Option(
      name = "--records",
      title = "records",
      description = "Records of each kind, generated with a fixed seed (default 200000)")
  @IntegerRange(min = 1)
  int records = 200_000;

  @AirlineModule Repetitions repetitions = new Repetitions();

  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);

  /** Stocks the records cycle through, one trading day after another. */
  private static final int STOCKS = 1_000;

  @Override
  public void run() {
    if (help.showHelpIfRequested()) {
      return;
    }
    System.out.printf("machine: %s%n%n", Machine.describe());
    Random random = new Random(18);
    List<Tick> ticks = new ArrayList<>(records);
    List<Prediction[]> calls = new ArrayList<>(records);
    Prediction[] lastOpened = new Prediction[STOCKS];
    for (int i = 0; i < records; i++) {
      String stock = "s" + (i % STOCKS) + ".us";
      LocalDate day = LocalDate.of(2010, 1, 4).plusDays(i / STOCKS);
      double close = cents(10 + random.nextDouble() * 100);
      ticks.add(new Tick(stock, day, close, close * 1.01, close * 0.99, close, 1_000_000));
      // the stock's previous call, resolved, rides on its new one, as the speed layer writes them
      Prediction previous = lastOpened[i % STOCKS];
      Prediction resolved =
          (previous != null ? previous : call(random, stock, day.minusDays(1), scoredAt(i)))
              .withActual(random.nextBoolean());
      Prediction opened = call(random, stock, day, scoredAt(i));
      lastOpened[i % STOCKS] = opened;
      calls.add(new Prediction[] {resolved, opened});
    }
    byte[][] tickJson = ticks.stream().map(TICKS::encode).toArray(byte[][]::new);
    byte[][] recordJson =
        calls.stream().map(c -> PredictionJson.encode(c[0], c[1])).toArray(byte[][]::new);
    long oneCall = 0;
    long twoCall = 0;
    for (byte[] r : recordJson) {
      oneCall += PredictionJson.read(r).size();
      twoCall += GenericReaders.calls(r);
    }
    if (oneCall != twoCall || oneCall != 2L * records) {
      throw new IllegalStateException(
          "the readers disagree: " + oneCall + " and " + twoCall + " calls");
    }
    List<RateMeasure> measures =
        List.of(
            measure("tick write", () -> each(ticks, t -> TICKS.encode(t).length)),
            measure("tick read", () -> each(tickJson, b -> TICKS.decode(b).volume() > 0 ? 1 : 0)),
            measure("  generic reader", () -> each(tickJson, GenericReaders::tick)),
            measure(
                "prediction record write",
                () -> {
                  PredictionJson writer = new PredictionJson(); // the speed layer's, one per task
                  return each(calls, c -> writer.write(c[0], c[1]).length);
                }),
            measure(
                "prediction record read",
                () -> each(recordJson, b -> PredictionJson.read(b).size())),
            measure("  generic reader, two passes", () -> each(recordJson, GenericReaders::calls)));
    System.out.printf(
        "%-30s %10s %16s %14s %14s %12s%n",
        "case", "records", "records/s median", "min", "max", "us/record");
    for (RateMeasure m : measures) {
      System.out.printf(
          "%-30s %,10d %,16.0f %,14.0f %,14.0f %12.2f%n",
          m.name(), m.items(), m.median(), m.min(), m.max(), 1e6 / m.median());
    }
    System.out.printf(
        "%nrecords: %d ticks of %.0f bytes, %d prediction records of %.0f bytes (two calls each)%n",
        records, average(tickJson), records, average(recordJson));
  }

  private RateMeasure measure(String name, LongSupplier run) {
    return repetitions.measure(name, run);
  }

  /** Applies {@code work} to every item; its results are summed so that none is optimized away. */
  private static <T> long each(List<T> items, java.util.function.ToIntFunction<T> work) {
    long sink = 0;
    for (T item : items) {
      sink += work.applyAsInt(item);
    }
    return sink == Long.MIN_VALUE ? 0 : items.size();
  }

  private static long each(byte[][] items, java.util.function.ToIntFunction<byte[]> work) {
    return each(List.of(items), work);
  }

  private static double average(byte[][] values) {
    long bytes = 0;
    for (byte[] v : values) {
      bytes += v.length;
    }
    return (double) bytes / values.length;
  }

  /** A price in cents, as the dataset's files write them. */
  private static double cents(double price) {
    return Math.round(price * 100) / 100.0;
  }

  /**
   * The speed layer's {@code scoredAt} of record {@code i}: its stream thread's clock, in
   * milliseconds, read once a poll of up to 2,000 records ({@code max.poll.records}).
   */
  private static Instant scoredAt(int i) {
    return Instant.ofEpochMilli(1_764_000_000_000L + (i / 2_000) * 20L);
  }

  private static Prediction call(Random random, String stock, LocalDate date, Instant scoredAt) {
    List<Double> closes = new ArrayList<>(5);
    for (int k = 0; k < 5; k++) {
      closes.add(cents(10 + random.nextDouble() * 100));
    }
    double p = random.nextDouble();
    return new Prediction(
        stock, date, closes, p, p >= 0.5, "v20261203", Layer.SPEED, scoredAt, null, null);
  }

  /**
   * The mapper's generic readers of {@link Tick} (through its JSON creator) and of {@link
   * Prediction}, the records without deserializers of their own: how ticks were read before {@code
   * TickDeserializer}, and prediction records before the one-pass reader, once for the record's
   * call and once for the call its {@code resolved} field carries. For comparison only.
   */
  private static final class GenericReaders {

    @JsonDeserialize(using = JsonDeserializer.None.class)
    private interface Generic {}

    private record Carried(Prediction resolved) {}

    private static final ObjectMapper MAPPER =
        Json.mapper()
            .copy()
            .addMixIn(Prediction.class, Generic.class)
            .addMixIn(Tick.class, Generic.class);
    private static final ObjectReader TICK = MAPPER.readerFor(Tick.class);
    private static final ObjectReader CALL = MAPPER.readerFor(Prediction.class);
    private static final ObjectReader CARRIED = MAPPER.readerFor(Carried.class);

    /** A tick as the mapper's generic reader read it, through the record's JSON creator. */
    static int tick(byte[] record) {
      try {
        return ((Tick) TICK.readValue(record)).volume() > 0 ? 1 : 0;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The number of calls the record holds. */
    static int calls(byte[] record) {
      try {
        Prediction call = CALL.readValue(record);
        Carried carried = CARRIED.readValue(record);
        return call == null ? 0 : carried.resolved() == null ? 1 : 2;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
