package io.stocklambda.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MalformedLimitTest {

  @Test
  void aShareLimitTakesTheKaggleSetsTwoBadLinesAndRefusesMostlyGarbage() {
    MalformedLimit limit = MalformedLimit.parse("0.1%");
    assertThat(limit).isEqualTo(MalformedLimit.DEFAULT);
    assertThat(limit.exceededBy(2, 17_450_000)).isFalse();
    assertThat(limit.exceededBy(1, 1_000)).isFalse();
    assertThat(limit.exceededBy(2, 1_000)).isTrue();
    assertThat(limit.exceededBy(1, 3)).isTrue();
    assertThat(limit.exceededBy(0, 0)).isFalse();
    assertThat(limit.exceededBy(5, 5)).isTrue();
  }

  @Test
  void aCountLimitTakesThatManyLines() {
    MalformedLimit limit = MalformedLimit.parse("3");
    assertThat(limit.exceededBy(3, 3)).isFalse();
    assertThat(limit.exceededBy(4, 1_000_000_000)).isTrue();
    assertThat(MalformedLimit.NONE.exceededBy(1, 1_000_000)).isTrue();
    assertThat(MalformedLimit.NONE.exceededBy(0, 1)).isFalse();
  }

  @Test
  void itsTextReadsBackAsTheSameLimit() {
    for (String text : new String[] {"0.1%", "2.5%", "100%", "0%", "0", "250"}) {
      assertThat(MalformedLimit.parse(MalformedLimit.parse(text).text()))
          .isEqualTo(MalformedLimit.parse(text));
    }
    assertThat(MalformedLimit.DEFAULT.text()).isEqualTo("0.1%");
    assertThat(MalformedLimit.DEFAULT.describe()).isEqualTo("0.1% of the data lines");
  }

  @Test
  void anythingElseIsRefusedWithTheFormsItTakes() {
    for (String text : new String[] {"", "abc", "-1", "101%", "-2%", "1.5"}) {
      assertThatThrownBy(() -> MalformedLimit.parse(text))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a count of lines (e.g. 100) or a share of data lines (e.g. 0.1%)");
    }
  }
}
