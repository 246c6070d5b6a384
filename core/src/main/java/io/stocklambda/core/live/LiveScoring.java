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
import java.util.function.Supplier;

/**
 * One live tick into its stock's state, the rule every live engine applies: push it into the window
 * (a repeated or older date is refused and changes nothing), resolve the stock's open prediction
 * with it, and score the window if it is full and there is a model. A full window the model may not
 * score (a feature or the probability not finite) is refused, as the batch view refuses it, while
 * its tick stays in the window: both layers then see the same windows. The speed layer (Kafka
 * Streams) runs it; so do the Spark and Flink jobs the benchmark compares it with. A step's two
 * calls go out as one record, {@link
 * io.stocklambda.core.prediction.PredictionJson#write(Prediction, Prediction)}.
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
  }

  /**
   * What a candidate model did with the same tick, beside the current model's {@link Step}.
   *
   * @param resolved the candidate's open prediction the tick resolved, or null
   * @param opened the candidate's prediction of the new window (layer {@link Layer#SHADOW}), or
   *     null: the current model did not score the window, or the candidate refused it ({@code
   *     refused})
   */
  public record ShadowStep(
      Prediction resolved, Prediction opened, UnscorableWindowException refused) {}

  /**
   * A candidate model's step on a tick the current model's {@link #step} accepted: the window the
   * current model has just scored is scored by the candidate too (a window the current model did
   * not score, for want of a model or because it refused it, is not), and the candidate's open call
   * is resolved by the same tick with the same outcome rule, so the candidate's live figures come
   * from exactly the windows the current model is served on.
   *
   * @param before the stock's state before the tick
   * @param step what the tick did with the current model; must be accepted
   * @param open the candidate's open prediction of this stock, or null; it is resolved only if it
   *     is about the window the tick follows (a candidate withdrawn and published again does not
   *     resolve a stale call with a later tick)
   * @throws IllegalArgumentException if the step was not accepted
   */
  public static ShadowStep shadow(
      StockState before,
      Step step,
      Tick tick,
      Prediction open,
      ModelScorer candidate,
      Instant scoredAt) {
    if (!step.accepted()) {
      throw new IllegalArgumentException("a refused tick has no shadow step");
    }
    Prediction resolved =
        open != null
                && !before.window().isEmpty()
                && open.date().equals(before.window().last().date())
            ? open.withOutcome(Outcome.resolve(open, tick))
            : null;
    if (step.opened() == null) {
      return new ShadowStep(resolved, null, null);
    }
    try {
      return new ShadowStep(
          resolved, candidate.score(step.next().window(), Layer.SHADOW, scoredAt), null);
    } catch (UnscorableWindowException e) {
      return new ShadowStep(resolved, null, e);
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
