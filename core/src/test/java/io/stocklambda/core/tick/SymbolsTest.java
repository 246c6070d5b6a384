package io.stocklambda.core.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.dataset.BackfillScope;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.json.MalformedRecordException;
import io.stocklambda.core.serving.ServingKeys;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SymbolsTest {

  @ParameterizedTest
  @CsvSource({
    "ibm.us, ibm.us",
    "brk-b.us, brk-b.us",
    "bf.b.us, bf.b.us",
    "abr_a.us, abr_a.us",
    "MSFT.US, msft.us",
    "Msft.Us, msft.us",
    "AAPL, aapl",
    "0a.us, 0a.us"
  })
  void kaggleNamesAndEveryCasingOfThemHaveOneSpelling(String raw, String normalized) {
    assertThat(Symbols.normalize(raw)).isEqualTo(normalized);
    assertThat(Symbols.GRAMMAR.matcher(normalized).matches()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<img src=x onerror=alert(1)>",
        "ibm.us#20170105",
        "ibm us",
        ".us",
        "-x.us",
        "_x",
        "ibm.us\n",
        "ibm.us\u0000",
        "i\u0307bm.us",
        "ｉｂｍ.us",
        "ibm/us",
        "ibm.us;drop",
        "a234567890123456789012345678901234"
      })
  void whatIsNotASymbolIsRefusedWithTheRule(String raw) {
    assertThat(Symbols.isValid(raw)).isFalse();
    assertThatThrownBy(() -> Symbols.normalize(raw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a stock symbol")
        .hasMessageContaining("like 'ibm.us'");
  }

  @Test
  void theMessageQuotesUntrustedTextPrintably() {
    assertThatThrownBy(() -> Symbols.normalize("a\u0000<b>\n"))
        .hasMessageContaining("'a\\u0000<b>\\u000a'");
  }

  @Test
  void everyWayInGivesTheSameName() {
    // a file name, a JSON tick, an API path, a CLI option (issue 14, case 4)
    assertThat(TickSource.symbolOf(Path.of("MSFT.US.TXT"))).isEqualTo("MSFT.US");
    assertThat(new Tick("MSFT.US", LocalDate.of(2017, 1, 3), 1, 1, 1, 1, 0).stock())
        .isEqualTo("msft.us");
    Tick json =
        JsonCodec.of(Tick.class)
            .decode("{\"stock\":\"AAPL\",\"date\":\"2017-01-03\",\"close\":1.5}".getBytes());
    assertThat(json.stock()).isEqualTo("aapl");
    assertThat(ServingKeys.checkStock("MSFT.US")).isEqualTo("msft.us");
    assertThat(BackfillScope.parse("2017-01-01", "2017-01-31", "MSFT.US,IBM").stocks())
        .containsExactlyInAnyOrder("msft.us", "ibm.us");
  }

  @Test
  void aJsonTickWithMarkupForAStockIsMalformed() {
    assertThatThrownBy(
            () ->
                JsonCodec.of(Tick.class)
                    .decode(
                        "{\"stock\":\"<img src=x onerror=alert(1)>\",\"date\":\"2017-01-03\",\"close\":1.5}"
                            .getBytes()))
        .isInstanceOf(MalformedRecordException.class)
        .hasMessageContaining("not a stock symbol");
  }

  @Test
  void rowKeysOfTwoValidSymbolsNeverShareARange() {
    String ibm = ServingKeys.rowKey("ibm.us", LocalDate.of(2017, 1, 5));
    assertThat(ServingKeys.isRowOf(ibm, "ibm.us")).isTrue();
    assertThat(
            ServingKeys.isRowOf(ServingKeys.rowKey("ibm.us.x", LocalDate.of(2017, 1, 5)), "ibm.us"))
        .isFalse();
    // a key written around the grammar that sorts inside ibm.us's range is not ibm.us's
    assertThat(ServingKeys.isRowOf("ibm.us#2017#20170105", "ibm.us")).isFalse();
  }
}
