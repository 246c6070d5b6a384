package io.stocklambda.core.prediction;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.stocklambda.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One call's JSON, byte for byte what {@code JsonCodec.of(Prediction.class)} writes, by {@link
 * PredictionSerializer} on a generator of the project's mapper, with the text of the last date and
 * the last {@code scoredAt} kept: the calls of a run share them (a trading day's ticks, a batch of
 * records scored at one clock reading), and formatting them and the mapper's per-call set-up were a
 * fifth of writing a call in the speed layer's profile at max rate (0.6 of 3.0 us a tick,
 * docs/bench/issue18-session11). Not thread-safe: one per {@link PredictionJson}.
 */
final class CallWriter {

  private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);
  private LocalDate date;
  private String dateText;
  private Instant scoredAt;
  private String scoredAtText;

  byte[] write(Prediction p) {
    buffer.reset();
    try (JsonGenerator g = Json.mapper().getFactory().createGenerator(buffer)) {
      PredictionSerializer.write(p, g, dateText(p.date()), scoredAtText(p.scoredAt()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the call of " + p.stock() + " " + p.date(), e);
    }
    return buffer.toByteArray();
  }

  private String dateText(LocalDate d) {
    if (!d.equals(date)) {
      dateText = d.toString();
      date = d;
    }
    return dateText;
  }

  private String scoredAtText(Instant at) {
    if (at == null) {
      return null;
    }
    if (!at.equals(scoredAt)) {
      scoredAtText = PredictionSerializer.isoInstant(at);
      scoredAt = at;
    }
    return scoredAtText;
  }
}
