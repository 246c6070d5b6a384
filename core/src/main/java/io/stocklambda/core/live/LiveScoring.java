package io.stocklambda.core.live;

import io.stocklambda.core.model.ModelScorer;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Outcome;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.core.window.Admission;
import io.stocklambda.core.window.UnscorableWindowException;
import io.stocklambda.core.window.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One live tick into its stock's state, the rule every live engine applies: push it into the window
 * (a repeated or older date is refused and changes nothing), resolve the stock's open prediction
 * with it, and score the window if it is full and there is a model. A full window the model may not
 * score (a feature or the probability not finite) is refused, as the batch view refuses it, while
 * its tick stays in the window: both layers then see the same windows. The speed layer (Kafka
 * Streams) runs it; so does the Spark Structured Streaming job the benchmark compares it with.
 */
public final class LiveScoring {

  private LiveScoring() {}

  /**
   * What one tick did.
   *
   * @param next the stock's state after the tick (the same state if the tick was refused)
   * @param resolved the open prediction the tick resolved, or null
   * @param opened the new prediction, or null (window not full, no model, or tick refused)
   * @param unscored whether a full window went unscored for want of a model
   * @param refused why the full window was refused (a feature or the probability not finite), or
   *     null; the tick still entered the window, as the batch layer keeps it in the history
   */
  public record Step(
      StockState next,
      Admission admission,
      Prediction resolved,
      Prediction opened,
      boolean unscored,
      UnscorableWindowException refused) {

    public boolean accepted() {
      return admission == Admission.ACCEPTED;
    }

    /** The records to emit, resolution first. */
    public List<Prediction> outputs() {
      List<Prediction> out = new ArrayList<>(2);
      if (resolved != null) {
        out.add(resolved);
      }
      if (opened != null) {
        out.add(opened);
      }
      return out;
    }
  }

  /**
   * @param state the stock's state (use {@link StockState#empty} for a new stock)
   * @param scorer the current model's scorer, or null when none is known yet; asked only when a
   *     full window is to be scored
   * @param scoredAt the time stamped on a new prediction
   */
  public static Step step(
      StockState state, Tick tick, Supplier<ModelScorer> scorer, Instant scoredAt, Layer layer) {
    Window.Push push = state.window().push(tick);
    if (push.admission() != Admission.ACCEPTED) {
      return new Step(state, push.admission(), null, null, false, null);
    }
    Prediction resolved =
        state.open() == null ? null : state.open().withOutcome(Outcome.resolve(state.open(), tick));
    Prediction opened = null;
    boolean unscored = false;
    UnscorableWindowException refused = null;
    if (push.window().isFull()) {
      ModelScorer current = scorer.get();
      if (current == null) {
        unscored = true;
      } else {
        try {
          opened = current.score(push.window(), layer, scoredAt);
        } catch (UnscorableWindowException e) {
          refused = e;
        }
      }
    }
    return new Step(
        new StockState(push.window(), opened),
        Admission.ACCEPTED,
        resolved,
        opened,
        unscored,
        refused);
  }
}
