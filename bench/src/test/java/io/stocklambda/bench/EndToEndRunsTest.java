package io.stocklambda.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
