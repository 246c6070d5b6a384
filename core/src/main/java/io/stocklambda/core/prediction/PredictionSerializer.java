package io.stocklambda.core.prediction;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A {@link Prediction}'s JSON written field by field: the same bytes the project's mapper wrote for
 * the record by reflection (components in declaration order, nulls left out, ISO date and instant,
 * the layer's id), at a fraction of the cost. The speed layer writes two calls a tick (in one
 * record), and the generic writer with its date formatter was a fifth of its CPU in a profile
 * ({@code bench speed --cpu-profile}, docs/benchmarks.md). Numbers go through the generator, so
 * doubles are written as the mapper configures it (Schubfach).
 */
final class PredictionSerializer extends StdSerializer<Prediction> {

  private static final long serialVersionUID = 1L;

  /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z in epoch seconds. */
  private static final long YEAR_0 = -62_167_219_200L;

  private static final long YEAR_9999_END = 253_402_300_799L;

  PredictionSerializer() {
    super(Prediction.class);
  }

  @Override
  public void serialize(Prediction p, JsonGenerator g, SerializerProvider provider)
      throws IOException {
    write(p, g, p.date().toString(), p.scoredAt() == null ? null : isoInstant(p.scoredAt()));
  }

  /**
   * Writes {@code p} as {@link #serialize} does, its date and instant given as text.
   *
   * @param date {@code p.date().toString()}
   * @param scoredAt {@code isoInstant(p.scoredAt())}, or null if it has none
   */
  static void write(Prediction p, JsonGenerator g, String date, String scoredAt)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("stock", p.stock());
    g.writeStringField("date", date);
    g.writeFieldName("closes");
    g.writeStartArray();
    // by index, not by iterator: the JDK's one iterator of every immutable list makes its get() a
    // megamorphic call (0.4 us a prediction in the speed layer's profile, issue 18)
    List<Double> closes = p.closes();
    for (int i = 0, n = closes.size(); i < n; i++) {
      g.writeNumber(closes.get(i).doubleValue());
    }
    g.writeEndArray();
    g.writeNumberField("probabilityUp", p.probabilityUp());
    g.writeBooleanField("up", p.up());
    if (p.modelVersion() != null) {
      g.writeStringField("modelVersion", p.modelVersion());
    }
    g.writeStringField("layer", p.layer().id());
    if (scoredAt != null) {
      g.writeStringField("scoredAt", scoredAt);
    }
    if (p.actualUp() != null) {
      g.writeBooleanField("actualUp", p.actualUp());
      g.writeBooleanField("correct", p.correct());
    }
    g.writeEndObject();
  }

  /**
   * {@link Instant#toString()} (ISO-8601 in UTC, the fraction in groups of three digits as needed)
   * without the general formatter, for years 0 to 9999; other years go through it.
   */
  static String isoInstant(Instant at) {
    if (at.getEpochSecond() < YEAR_0 || at.getEpochSecond() > YEAR_9999_END) {
      return at.toString();
    }
    LocalDateTime t = LocalDateTime.ofEpochSecond(at.getEpochSecond(), 0, ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(30);
    pad(out, t.getYear(), 4).append('-');
    pad(out, t.getMonthValue(), 2).append('-');
    pad(out, t.getDayOfMonth(), 2).append('T');
    pad(out, t.getHour(), 2).append(':');
    pad(out, t.getMinute(), 2).append(':');
    pad(out, t.getSecond(), 2);
    int nano = at.getNano();
    if (nano > 0) {
      out.append('.');
      if (nano % 1_000_000 == 0) {
        pad(out, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        pad(out, nano / 1_000, 6);
      } else {
        pad(out, nano, 9);
      }
    }
    return out.append('Z').toString();
  }

  /** Appends {@code value} (0 or more) in at least {@code digits} digits, without a String. */
  private static StringBuilder pad(StringBuilder out, int value, int digits) {
    for (int bound = 10, i = 1; i < digits; i++, bound *= 10) {
      if (value < bound) {
        out.append('0');
      }
    }
    return out.append(value);
  }
}
