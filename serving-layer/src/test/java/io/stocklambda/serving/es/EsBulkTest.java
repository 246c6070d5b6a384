package io.stocklambda.serving.es;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EsBulkTest {

  @Test
  void aSmallBatchGoesInOneRequest() {
    assertThat(EsBulk.requests(1, 5_000, 2)).isEqualTo(1);
    assertThat(EsBulk.requests(2 * EsBulk.MIN_SPLIT_DOCUMENTS - 1, 5_000, 2)).isEqualTo(1);
  }

  @Test
  void aBatchOfTwiceTheSmallestRequestIsSplitForEveryThread() {
    assertThat(EsBulk.requests(2 * EsBulk.MIN_SPLIT_DOCUMENTS, 5_000, 2)).isEqualTo(2);
    assertThat(EsBulk.requests(4_000, 5_000, 2)).isEqualTo(2);
    assertThat(EsBulk.requests(4_000, 5_000, 3)).isEqualTo(3);
  }

  @Test
  void noRequestHoldsMoreThanItsDocuments() {
    assertThat(EsBulk.requests(10_007, 5_000, 2)).isEqualTo(3);
    assertThat(EsBulk.requests(80_000, 5_000, 2)).isEqualTo(16);
  }

  @Test
  void nothingToIndexIsNoRequest() {
    assertThat(EsBulk.requests(0, 5_000, 2)).isZero();
  }
}
