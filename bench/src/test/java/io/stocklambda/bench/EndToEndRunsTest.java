package io.stocklambda.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class EndToEndRunsTest {

  @Test
  void aFreshProbeIsLookedUpEveryTenMilliseconds() {
    assertEquals(10, EndToEndRuns.lookupInterval(0));
    assertEquals(10, EndToEndRuns.lookupInterval(199));
  }

  @Test
  void aWaitingProbeBacksOffToAtMostFivePercentOfItsWait() {
    assertEquals(20, EndToEndRuns.lookupInterval(400));
    assertEquals(1_000, EndToEndRuns.lookupInterval(20_000));
  }

  @Test
  void theCheckerLooksUpAProbeThatHasWaitedTwoSecondsOnlyEveryHundredMilliseconds() {
    long sentAt = System.currentTimeMillis() - 2_000;
    ConcurrentLinkedQueue<EndToEndRuns.Probe> arriving = new ConcurrentLinkedQueue<>();
    arriving.add(new EndToEndRuns.Probe("ibm.us", LocalDate.of(2100, 1, 4), sentAt));
    List<Long> lookups = new ArrayList<>();
    Histogram latency = new Histogram(3_600_000L, 3);

    EndToEndRuns.check(
        arriving,
        probe -> {
          lookups.add(System.nanoTime());
          return lookups.size() == 3;
        },
        latency,
        new AtomicBoolean(false),
        new AtomicLong());

    assertEquals(3, lookups.size());
    for (int i = 1; i < lookups.size(); i++) {
      long gapMs = (lookups.get(i) - lookups.get(i - 1)) / 1_000_000;
      assertTrue(gapMs >= 100, "lookup " + i + " came " + gapMs + " ms after the one before");
    }
    assertEquals(1, latency.getTotalCount());
    assertTrue(latency.getMaxValue() >= 2_200, latency.getMaxValue() + " ms");
  }

  @Test
  void aBacklogOfTwentySecondsCostsHundredsOfLookupsASecondNotTenThousand() {
    // 5 probes a second (the default), each waiting 20 s before it is seen: the lookups a second
    // of the store once the backlog is steady, as the checker schedules them
    int probesPerSecond = 5;
    long waitMs = 20_000;
    double lookupsPerProbe = 0;
    for (long waited = 0; waited < waitMs; waited += EndToEndRuns.lookupInterval(waited)) {
      lookupsPerProbe++;
    }
    double perSecond = lookupsPerProbe * probesPerSecond;
    // about 580; every pending probe every 10 ms, as before, was 100 probes x 100 = 10,000
    assertTrue(perSecond < 1_000, perSecond + " lookups a second");
  }
}
