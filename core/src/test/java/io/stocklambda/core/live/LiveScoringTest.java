package io.stocklambda.core.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.model.ModelScorer;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.testing.Models;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.core.window.Admission;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LiveScoringTest {

  private static final LocalDate MONDAY = LocalDate.of(2017, 11, 6);
  private static final Instant NOW = Instant.parse("2026-11-26T20:00:00Z");

  @Test
  void aFullWindowIsScoredAndTheNextTickResolvesItsPrediction() {
    ModelScorer scorer =
        ModelScorer.of(
            Models.logistic(
                "v1", FeatureSpecs.of("thesis-raw", 5), 0, 0.01, 0.01, 0.01, 0.01, 0.01));
    StockState state = StockState.empty("ibm.us", 5);
    LiveScoring.Step step = null;
    for (int d = 0; d < 5; d++) {
      step =
          LiveScoring.step(
              state,
              Tick.ofClose("ibm.us", MONDAY.plusDays(d), 100 + d),
              () -> scorer,
              NOW,
              Layer.SPEED);
      state = step.next();
      assertThat(step.accepted()).isTrue();
      assertThat(step.opened() == null).isEqualTo(d < 4);
    }
    Prediction open = step.opened();
    assertThat(open.layer()).isEqualTo(Layer.SPEED);
    assertThat(open.date()).isEqualTo(MONDAY.plusDays(4));
    assertThat(step.resolved()).isNull();

    LiveScoring.Step next =
        LiveScoring.step(
            state, Tick.ofClose("ibm.us", MONDAY.plusDays(5), 200), () -> scorer, NOW, Layer.SPEED);
    assertThat(next.resolved().date()).isEqualTo(open.date());
    assertThat(next.resolved().actualUp()).isTrue();
    assertThat(next.opened().date()).isEqualTo(MONDAY.plusDays(5));
  }

  @Test
  void aRepeatedOrOlderTickChangesNothing() {
    StockState state =
        LiveScoring.step(
                StockState.empty("ibm.us", 5),
                Tick.ofClose("ibm.us", MONDAY, 100),
                () -> null,
                NOW,
                Layer.SPEED)
            .next();
    LiveScoring.Step repeated =
        LiveScoring.step(state, Tick.ofClose("ibm.us", MONDAY, 101), () -> null, NOW, Layer.SPEED);
    LiveScoring.Step older =
        LiveScoring.step(
            state, Tick.ofClose("ibm.us", MONDAY.minusDays(1), 99), () -> null, NOW, Layer.SPEED);
    assertThat(repeated.admission()).isEqualTo(Admission.DUPLICATE);
    assertThat(older.admission()).isEqualTo(Admission.OUT_OF_ORDER);
    assertThat(repeated.next()).isSameAs(state);
    assertThat(older.resolved()).isNull();
    assertThat(older.opened()).isNull();
  }

  @Test
  void withoutAModelAFullWindowIsCountedUnscored() {
    StockState state = StockState.empty("ibm.us", 2);
    state =
        LiveScoring.step(state, Tick.ofClose("ibm.us", MONDAY, 100), () -> null, NOW, Layer.SPEED)
            .next();
    LiveScoring.Step step =
        LiveScoring.step(
            state, Tick.ofClose("ibm.us", MONDAY.plusDays(1), 100), () -> null, NOW, Layer.SPEED);
    assertThat(step.unscored()).isTrue();
    assertThat(step.opened()).isNull();
  }

  @Test
  void aWindowThatCannotBeScoredIsRefusedButItsTickStaysInTheWindowAsInTheBatchLayer() {
    ModelScorer scorer =
        ModelScorer.of(
            Models.logistic(
                "v1", FeatureSpecs.of("returns", 5), 0.1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
    StockState state = StockState.empty("tiny.us", 5);
    double[] closes = {10, 10, 10, 10, 4.9E-324, 10, 11, 12, 13, 14};
    int refused = 0;
    int opened = 0;
    for (int d = 0; d < closes.length; d++) {
      LiveScoring.Step step =
          LiveScoring.step(
              state,
              Tick.ofClose("tiny.us", MONDAY.plusDays(d), closes[d]),
              () -> scorer,
              NOW,
              Layer.SPEED);
      assertThat(step.accepted()).isTrue();
      state = step.next();
      if (step.refused() != null) {
        refused++;
        assertThat(step.opened()).isNull();
        assertThat(step.refused().stock()).isEqualTo("tiny.us");
        assertThat(step.refused().date()).isEqualTo(MONDAY.plusDays(d));
      } else if (step.opened() != null) {
        opened++;
      }
    }
    // the windows ending on days 4 and 5 hold the tiny close beside a normal one; days 6 to 9 hold
    // it as a middle return too,
    // until it leaves the window: a refused window is every window the tiny close is in, and its
    // tick is kept
    assertThat(state.window().closes()).containsExactly(10.0, 11.0, 12.0, 13.0, 14.0);
    assertThat(refused + opened).isEqualTo(6);
    assertThat(opened).isEqualTo(1);
  }

  @Test
  void aCandidateScoresTheSameWindowsAsCurrentAndItsCallsResolveOnTheSameTicks() {
    ModelScorer current =
        ModelScorer.of(
            Models.logistic(
                "v1", FeatureSpecs.of("thesis-raw", 5), 0, 0.01, 0.01, 0.01, 0.01, 0.01));
    ModelScorer candidate =
        ModelScorer.of(
            Models.logistic(
                "cand", FeatureSpecs.of("thesis-raw", 5), 0, -0.01, -0.01, -0.01, -0.01, -0.01));
    StockState state = StockState.empty("ibm.us", 5);
    Prediction shadowOpen = null;
    LiveScoring.Step step = null;
    LiveScoring.ShadowStep shadow = null;
    for (int d = 0; d < 6; d++) {
      StockState before = state;
      Tick tick = Tick.ofClose("ibm.us", MONDAY.plusDays(d), 100 + d);
      step = LiveScoring.step(before, tick, () -> current, NOW, Layer.SPEED);
      shadow = LiveScoring.shadow(before, step, tick, shadowOpen, candidate, NOW);
      shadowOpen = shadow.opened();
      state = step.next();
    }
    // the sixth tick resolves both models' calls on the fifth day, with the same outcome
    assertThat(shadow.resolved().date()).isEqualTo(step.resolved().date());
    assertThat(shadow.resolved().actualUp()).isEqualTo(step.resolved().actualUp()).isTrue();
    assertThat(shadow.resolved().up()).isFalse();
    assertThat(shadow.resolved().correct()).isFalse();
    assertThat(shadow.opened().layer()).isEqualTo(Layer.SHADOW);
    assertThat(shadow.opened().modelVersion()).isEqualTo("cand");
    assertThat(shadow.opened().date()).isEqualTo(step.opened().date());
    assertThat(shadow.opened().probabilityUp()).isLessThan(0.5);
    assertThat(step.opened().probabilityUp()).isGreaterThan(0.5);

    // a stale call (the candidate was away for a day) is not resolved by a later tick
    Prediction stale = shadow.opened();
    StockState before = state;
    Tick skipped = Tick.ofClose("ibm.us", MONDAY.plusDays(6), 90);
    state = LiveScoring.step(before, skipped, () -> current, NOW, Layer.SPEED).next();
    Tick later = Tick.ofClose("ibm.us", MONDAY.plusDays(7), 95);
    LiveScoring.Step afterGap = LiveScoring.step(state, later, () -> current, NOW, Layer.SPEED);
    LiveScoring.ShadowStep back = LiveScoring.shadow(state, afterGap, later, stale, candidate, NOW);
    assertThat(back.resolved()).isNull();
    assertThat(back.opened().date()).isEqualTo(later.date());
  }
}
