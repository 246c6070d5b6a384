package io.stocklambda.core.prediction;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A call on the close after {@code date} (the date of the window's last tick). {@code actualUp} and
 * {@code correct} stay {@code null} until the stock's next tick resolves it (see {@link Outcome}).
 * Written to JSON by {@link PredictionSerializer}, read by {@link PredictionDeserializer}.
 */
@JsonSerialize(using = PredictionSerializer.class)
@JsonDeserialize(using = PredictionDeserializer.class)
public record Prediction(
    String stock,
    LocalDate date,
    List<Double> closes,
    double probabilityUp,
    boolean up,
    String modelVersion,
    Layer layer,
    Instant scoredAt,
    Boolean actualUp,
    Boolean correct) {

  public Prediction {
    if (stock == null || stock.isBlank()) {
      throw new IllegalArgumentException("missing stock");
    }
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(layer, "layer");
    closes = closes == null ? List.of() : List.copyOf(closes);
    if (!(probabilityUp >= 0 && probabilityUp <= 1)) {
      throw new IllegalArgumentException("probabilityUp must lie in [0, 1], was " + probabilityUp);
    }
    if ((actualUp == null) != (correct == null)) {
      throw new IllegalArgumentException("actualUp and correct come together");
    }
  }

  /** The close the call is measured against: the window's last close. */
  public double lastClose() {
    if (closes.isEmpty()) {
      throw new IllegalStateException("prediction for " + stock + " " + date + " has no closes");
    }
    return closes.get(closes.size() - 1);
  }

  @JsonIgnore
  public boolean isResolved() {
    return actualUp != null;
  }

  public Prediction withOutcome(Outcome outcome) {
    if (!outcome.stock().equals(stock) || !outcome.date().equals(date)) {
      throw new IllegalArgumentException(
          "outcome of "
              + outcome.stock()
              + " "
              + outcome.date()
              + " applied to prediction of "
              + stock
              + " "
              + date);
    }
    return withActual(outcome.actualUp());
  }

  /** Resolved by what is known to have happened (a labeled window of history carries it). */
  public Prediction withActual(boolean actualUp) {
    return new Prediction(
        stock,
        date,
        closes,
        probabilityUp,
        up,
        modelVersion,
        layer,
        scoredAt,
        actualUp,
        actualUp == up);
  }
}
