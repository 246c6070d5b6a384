package io.stocklambda.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BackfillScopeTest {

  @Test
  void theRangeIsInclusiveAndBareTickersMeanTheirUsListing() {
    BackfillScope scope = BackfillScope.parse("2017-01-02", "2017-01-31", "IBM, aapl.us");
    assertThat(scope.stocks()).containsExactlyInAnyOrder("ibm.us", "aapl.us");
    assertThat(scope.contains("ibm.us", LocalDate.parse("2017-01-02"))).isTrue();
    assertThat(scope.contains("ibm.us", LocalDate.parse("2017-01-31"))).isTrue();
    assertThat(scope.contains("ibm.us", LocalDate.parse("2017-02-01"))).isFalse();
    assertThat(scope.contains("msft.us", LocalDate.parse("2017-01-10"))).isFalse();
  }

  @Test
  void noStocksMeansEveryStock() {
    BackfillScope scope = BackfillScope.parse("2017-01-02", "2017-01-31", " ");
    assertThat(scope.contains("anything.us", LocalDate.parse("2017-01-10"))).isTrue();
    assertThat(scope.describe()).contains("every stock");
  }

  @Test
  void badRangesAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> BackfillScope.parse("2017-02-01", "2017-01-31", null))
        .hasMessageContaining("after --to");
    assertThatThrownBy(() -> BackfillScope.parse("31/01/2017", "2017-01-31", null))
        .hasMessageContaining("--from must be a date");
  }
}
