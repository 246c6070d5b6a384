package io.stocklambda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.tick.Tick;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeedBenchmarkTest {

  private static final LocalDate DAY = LocalDate.of(2017, 11, 10);

  @Test
  void warmUpPassesGoOnForTheMinimumThenWhileTheCompilersAreBusyUpToTheMaximum() {
    SpeedWarmUp warmUp =
        new SpeedWarmUp(
            "unused:9092", 1, 45, 0.05, 180, () -> java.util.Map.<String, Long>of(), "max");
    long s = 1_000_000_000L;
    // before 45 s: on, however idle the compilers
    assertThat(warmUp.goesOn(44 * s, 0.0)).isTrue();
    // after: on while they used 0.05 cores or more over the last pass
    assertThat(warmUp.goesOn(46 * s, 0.05)).isTrue();
    assertThat(warmUp.goesOn(46 * s, 0.049)).isFalse();
    // never past 180 s
    assertThat(warmUp.goesOn(180 * s, 0.9)).isFalse();
    // not read: no more than the minimum
    assertThat(warmUp.goesOn(46 * s, Double.NaN)).isFalse();
    // a minimum above the maximum wins
    SpeedWarmUp longer =
        new SpeedWarmUp("unused:9092", 1, 200, 0.05, 180, java.util.Map::of, "max");
    assertThat(longer.goesOn(190 * s, 0.0)).isTrue();
    // --warmup-seconds 0: one pass, however busy the compilers
    SpeedWarmUp onePass =
        new SpeedWarmUp(
            "unused:9092", 1, 0, 0.05, 180, () -> java.util.Map.<String, Long>of(), "max");
    assertThat(onePass.goesOn(1, 0.0)).isFalse();
    assertThat(onePass.goesOn(1, 2.0)).isFalse();
    // passes go at a fixed rate's pace, at full speed for max and backlog
    assertThat(warmUp.paced()).isFalse();
    assertThat(
            new SpeedWarmUp("unused:9092", 1, 0, 0.05, 180, java.util.Map::of, "backlog").paced())
        .isFalse();
    assertThat(new SpeedWarmUp("unused:9092", 1, 0, 0.05, 180, java.util.Map::of, "10000").paced())
        .isTrue();
  }

  @Test
  void copiesAreValidStocksOfTheirOwnInDateOrder() {
    // a tick is checked when built: a renamed stock that is not a symbol fails the whole run
    List<Tick> market = List.of(Tick.ofClose("ibm.us", DAY, 150), Tick.ofClose("ge.us", DAY, 20));

    List<Tick> three = SpeedBenchmark.copies(market, 3);

    assertThat(three)
        .extracting(Tick::stock)
        .containsExactly("ibm.us", "ibm.us_2", "ibm.us_3", "ge.us", "ge.us_2", "ge.us_3");
    assertThat(SpeedBenchmark.copies(market, 1)).isSameAs(market);
  }

  @Test
  void warmUpPassesHaveValidStocksOfTheirOwn() {
    List<Tick> market = List.of(Tick.ofClose("ge.us", DAY, 20));

    List<Tick> first = SpeedWarmUp.renamed(market, TickTraffic.warmUpPrefix(1));
    List<Tick> tenth = SpeedWarmUp.renamed(market, TickTraffic.warmUpPrefix(10));

    assertThat(first.get(0).stock()).isEqualTo("warmup_1_ge.us");
    assertThat(tenth.get(0).stock()).isEqualTo("warmup_10_ge.us");
    assertThat(tenth.get(0).stock()).doesNotStartWith(TickTraffic.warmUpPrefix(1));
  }

  @Test
  void aWarmUpPassThatWouldYieldNoPredictionGetsOneStocksFirst() {
    // a pass waits for its predictions: with none to wait for, passes would pile up unanswered
    List<Tick> empty = SpeedWarmUp.renamed(List.of(), TickTraffic.warmUpPrefix(1));
    List<Tick> short_ =
        SpeedWarmUp.renamed(List.of(Tick.ofClose("ge.us", DAY, 20)), TickTraffic.warmUpPrefix(1));

    assertThat(empty).hasSize(5);
    assertThat(TickTraffic.expectedPredictions(empty)).isEqualTo(1);
    assertThat(short_).hasSize(6);
    assertThat(TickTraffic.expectedPredictions(short_)).isEqualTo(1);
  }

  @Test
  void aReplayYieldsOneRecordATickFromEachStocksFifthOn() {
    List<Tick> market = new java.util.ArrayList<>();
    for (int d = 0; d < 8; d++) {
      market.add(Tick.ofClose("ibm.us", DAY.plusDays(d), 150 + d));
    }
    for (int d = 0; d < 3; d++) {
      market.add(Tick.ofClose("ge.us", DAY.plusDays(d), 20 + d));
    }
    // ibm.us: the 5th to the 8th tick each open a call, the 6th on carrying the resolved one
    assertThat(TickTraffic.expectedPredictions(market)).isEqualTo(4);
  }

  @Test
  void onlyARunsOwnTopicsAreItsToDelete() {
    assertThat(SpeedRuns.ofRun("bench-ticks-1a2b3c4d", "1a2b3c4d")).isTrue();
    assertThat(SpeedRuns.ofRun("bench-speed-1a2b3c4d-windows-changelog", "1a2b3c4d")).isTrue();
    assertThat(SpeedRuns.ofRun("ticks", "1a2b3c4d")).isFalse();
    assertThat(SpeedRuns.ofRun("my-1a2b3c4d-topic", "1a2b3c4d")).isFalse();
    assertThat(SpeedRuns.ofRun("bench-ticks-1a2b3c4d5", "1a2b3c4d")).isFalse();
  }
}
