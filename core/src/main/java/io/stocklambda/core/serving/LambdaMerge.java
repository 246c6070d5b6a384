package io.stocklambda.core.serving;

import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * The serving layer's merge rule, once for HBase reads, Elasticsearch aliases and tests: exactly
 * one prediction per (stock, date), the batch view's for dates up to its horizon, the speed view's
 * after it. Before any batch view is served, everything is the speed view's.
 */
public final class LambdaMerge {

  private LambdaMerge() {}

  /**
   * The layer that answers for {@code date}; {@code horizon} is null before the first batch view.
   */
  public static Layer layerFor(LocalDate date, LocalDate horizon) {
    return horizon != null && !date.isAfter(horizon) ? Layer.BATCH : Layer.SPEED;
  }

  /**
   * The prediction served for one (stock, date) from what each view holds (either may be null):
   * never the other layer's, so a date is never answered twice nor by a stale layer.
   */
  public static Prediction choose(
      LocalDate date, LocalDate horizon, Prediction batch, Prediction speed) {
    return layerFor(date, horizon) == Layer.BATCH ? batch : speed;
  }

  /**
   * Whether a speed-view row is superseded by a batch view with this horizon (and can be expired).
   */
  public static boolean expired(LocalDate date, LocalDate horizon) {
    return horizon != null && !date.isAfter(horizon);
  }

  /**
   * Of two records of the speed view for the same (stock, date), the one to keep: a resolved one
   * over an open one (the outcome only adds), else the later scored, else the later arrival ({@code
   * b}). Makes loading idempotent and order-tolerant: replays and redeliveries never undo an
   * outcome.
   */
  public static Prediction newer(Prediction a, Prediction b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (!a.stock().equals(b.stock()) || !a.date().equals(b.date())) {
      throw new IllegalArgumentException(
          "not the same (stock, date): "
              + a.stock()
              + " "
              + a.date()
              + " and "
              + b.stock()
              + " "
              + b.date());
    }
    return NEWER.compare(a, b) > 0 ? a : b;
  }

  private static final Comparator<Prediction> NEWER =
      Comparator.comparing(Prediction::isResolved)
          .thenComparing(Prediction::scoredAt, Comparator.nullsFirst(Comparator.naturalOrder()));
}
