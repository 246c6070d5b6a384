package io.stocklambda.core.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TradingDatesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1962-01-02",
        "1962-01-02T00:00:00.000+01:00",
        "1962-01-02T23:30:00.000-05:00",
        "1962-01-02T00:00:00Z",
        "1962-01-02T00:00",
        "1962-01-02 00:00:00"
      })
  void theTradingDateIsTheLocalDateAsWritten(String text) {
    assertThat(TradingDates.parse(text)).isEqualTo(LocalDate.of(1962, 1, 2));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1962-1-2",
        "1962/01/02",
        "1962-13-02",
        "1962-02-30",
        "abcd-01-02",
        "1962-01-02T",
        "1962-01-02Tnoon",
        "1962-01-02T00:00:00+1",
        "1962-01-02X00:00"
      })
  void rejectsWhatIsNotADate(String text) {
    assertThatThrownBy(() -> TradingDates.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a date");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2017-11-10"})
  void compactFormIsBasicIso(String text) {
    assertThat(TradingDates.compact(LocalDate.parse(text))).isEqualTo("20171110");
  }
}
