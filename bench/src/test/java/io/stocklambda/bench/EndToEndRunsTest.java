package io.stocklambda.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stocklambda.core.serving.StockDate;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EndToEndRunsTest {

  private static final LocalDate DAY = LocalDate.of(2100, 1, 4);

  @Test
  void theWarmUpTakesItsMinimumThenGoesOnWhileTheCompilersAreBusyUpToItsMaximum() {
    // none with a minimum of 0, however busy
    assertThat(EndToEndBenchmark.warmUpGoesOn(0, Double.NaN, 0, 0.10, 900)).isFalse();
    assertThat(EndToEndBenchmark.warmUpGoesOn(0, 2.0, 0, 0.10, 900)).isFalse();
    // below the minimum: on, before the first round or however idle
    assertThat(EndToEndBenchmark.warmUpGoesOn(0, Double.NaN, 120, 0.10, 900)).isTrue();
    assertThat(EndToEndBenchmark.warmUpGoesOn(105, 0.0, 120, 0.10, 900)).isTrue();
    // then while 0.10 cores or more
    assertThat(EndToEndBenchmark.warmUpGoesOn(140, 0.10, 120, 0.10, 900)).isTrue();
    assertThat(EndToEndBenchmark.warmUpGoesOn(140, 0.09, 120, 0.10, 900)).isFalse();
    // compilers that cannot be read end it at the minimum
    assertThat(EndToEndBenchmark.warmUpGoesOn(140, Double.NaN, 120, 0.10, 900)).isFalse();
    // never at the maximum, unless the minimum is above it
    assertThat(EndToEndBenchmark.warmUpGoesOn(910, 0.5, 120, 0.10, 900)).isFalse();
    assertThat(EndToEndBenchmark.warmUpGoesOn(910, 0.0, 1_000, 0.10, 900)).isTrue();
  }

  @Test
  void everyPendingProbeIsLookedUpInOneRequestASweepAndEachIsTimedWhenSeen() {
    long now = System.currentTimeMillis();
    ConcurrentLinkedQueue<EndToEndRuns.Probe> arriving = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < 50; i++) {
      arriving.add(new EndToEndRuns.Probe("s" + i + ".us", DAY, now));
    }
    List<List<StockDate>> requests = new ArrayList<>();
    StageLatency latency = new StageLatency(LocalDate.MAX);

    EndToEndRuns.check(
        arriving,
        keys -> {
          requests.add(keys);
          // the store has one more probe's prediction at each lookup
          Set<StockDate> there = new HashSet<>();
          for (int i = 0; i < requests.size(); i++) {
            there.add(new StockDate("s" + i + ".us", DAY));
          }
          there.retainAll(keys);
          return there;
        },
        latency,
        new AtomicBoolean(false),
        new AtomicBoolean(false),
        new AtomicLong());

    assertEquals(50, requests.size(), "one request a sweep, not one a probe");
    assertEquals(50, requests.get(0).size(), "the first asks for every pending probe");
    assertEquals(1, requests.get(49).size(), "a seen probe is not asked for again");
    assertEquals(50, latency.all.getTotalCount());
    // 50 sweeps at least 10 ms apart: the last seen at least 490 ms after the first
    assertTrue(
        latency.all.getMaxValue() - latency.all.getMinValue() >= 450, latency.all.toString());
  }

  @Test
  void aStoreThatFailsForAMomentIsAskedAgainAndAProbeNeverSeenIsLostAfterAMinute() {
    long now = System.currentTimeMillis();
    ConcurrentLinkedQueue<EndToEndRuns.Probe> arriving = new ConcurrentLinkedQueue<>();
    arriving.add(new EndToEndRuns.Probe("seen.us", DAY, now));
    arriving.add(new EndToEndRuns.Probe("never.us", DAY, now - 59_950));
    int[] calls = {0};
    StageLatency latency = new StageLatency(LocalDate.MAX);
    AtomicLong lost = new AtomicLong();

    EndToEndRuns.check(
        arriving,
        keys -> {
          if (++calls[0] == 1) {
            throw new IOException("region moving");
          }
          if (calls[0] == 2) {
            throw new IllegalStateException("search_phase_execution_exception");
          }
          return keys.contains(new StockDate("seen.us", DAY))
              ? Set.of(new StockDate("seen.us", DAY))
              : Set.of();
        },
        latency,
        new AtomicBoolean(false),
        new AtomicBoolean(false),
        lost);

    assertEquals(1, latency.all.getTotalCount());
    assertEquals(1, lost.get());
    assertTrue(calls[0] >= 3, calls[0] + " lookups");
  }

  @Test
  void aWaitingProbeBacksOffToAtMostFivePercentOfItsWait() {
    assertEquals(10, EndToEndRuns.lookupInterval(0));
    assertEquals(10, EndToEndRuns.lookupInterval(199));
    assertEquals(20, EndToEndRuns.lookupInterval(400));
    assertEquals(1_000, EndToEndRuns.lookupInterval(20_000));
  }

  @Test
  void aProbeThatHasWaitedTwoSecondsIsAskedForOnlyEveryHundredMilliseconds() {
    long sentAt = System.currentTimeMillis() - 2_000;
    ConcurrentLinkedQueue<EndToEndRuns.Probe> arriving = new ConcurrentLinkedQueue<>();
    arriving.add(new EndToEndRuns.Probe("ibm.us", DAY, sentAt));
    List<Long> lookups = new ArrayList<>();
    StageLatency latency = new StageLatency(LocalDate.MAX);

    EndToEndRuns.check(
        arriving,
        keys -> {
          lookups.add(System.nanoTime());
          return lookups.size() == 3 ? Set.copyOf(keys) : Set.of();
        },
        latency,
        new AtomicBoolean(false),
        new AtomicBoolean(false),
        new AtomicLong());

    assertEquals(3, lookups.size());
    for (int i = 1; i < lookups.size(); i++) {
      long gapMs = (lookups.get(i) - lookups.get(i - 1)) / 1_000_000;
      assertTrue(gapMs >= 100, "lookup " + i + " came " + gapMs + " ms after the one before");
    }
    assertTrue(latency.all.getMaxValue() >= 2_200, latency.all.getMaxValue() + " ms");
  }

  @Test
  void anAbortedRunStopsTheCheckerAtOnce() {
    ConcurrentLinkedQueue<EndToEndRuns.Probe> arriving = new ConcurrentLinkedQueue<>();
    arriving.add(new EndToEndRuns.Probe("ibm.us", DAY, System.currentTimeMillis()));
    long start = System.nanoTime();

    EndToEndRuns.check(
        arriving,
        keys -> Set.of(),
        new StageLatency(LocalDate.MAX),
        new AtomicBoolean(true),
        new AtomicBoolean(true),
        new AtomicLong());

    assertTrue(System.nanoTime() - start < 5_000_000_000L, "returned at once");
  }

  @Test
  void aProbeOfTheSecondHalfOfTheTradingDaysCountsThere() {
    // 20 s of ticks: days 5 to 24 carry probes, 15 to 24 are the second half
    assertEquals(DAY.plusDays(15), EndToEndRuns.middleDay(20));
    StageLatency latency = new StageLatency(EndToEndRuns.middleDay(20));
    latency.record(new EndToEndRuns.Probe("a.us", DAY.plusDays(14), 9_000), 9_050);
    latency.record(new EndToEndRuns.Probe("b.us", DAY.plusDays(15), 10_000), 12_000);
    latency.record(
        new EndToEndRuns.Probe("c.us", DAY.plusDays(24), 11_000), 10_900); // clocks apart

    assertEquals(3, latency.all.getTotalCount());
    assertEquals(1, latency.firstHalf.getTotalCount());
    assertEquals(50, latency.firstHalf.getMaxValue());
    assertEquals(2, latency.secondHalf.getTotalCount());
    assertEquals(0, latency.secondHalf.getMinValue());
    assertEquals(2_000, latency.secondHalf.getMaxValue(), 2);
  }
}
