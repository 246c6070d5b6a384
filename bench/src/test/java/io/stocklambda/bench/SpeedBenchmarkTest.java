package io.stocklambda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.tick.Tick;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeedBenchmarkTest {

  private static final LocalDate DAY = LocalDate.of(2017, 11, 10);

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
  void warmUpStocksAreValidSymbolsTheConsumerTellsApart() {
    Tick warm = Tick.ofClose(TickTraffic.WARMUP_PREFIX + "ge.us", DAY, 20);

    assertThat(warm.stock()).isEqualTo("warmup_ge.us");
    assertThat(TickTraffic.expectedPredictions(List.of(warm))).isZero();
  }
}
