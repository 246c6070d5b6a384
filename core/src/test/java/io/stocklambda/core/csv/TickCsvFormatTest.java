package io.stocklambda.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.testing.Ticks;
import io.stocklambda.core.tick.Tick;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TickCsvFormatTest {

  @TempDir Path dir;

  @Test
  void pricesAreWrittenWithoutTrailingZeros() {
    assertThat(TickCsvFormat.price(150.65)).isEqualTo("150.65");
    assertThat(TickCsvFormat.price(77.2)).isEqualTo("77.2");
    assertThat(TickCsvFormat.price(100.0)).isEqualTo("100");
    assertThat(TickCsvFormat.price(0.0001)).isEqualTo("0.0001");
    assertThat(TickCsvFormat.price(0.0021)).isEqualTo("0.0021");
    assertThat(TickCsvFormat.price(12345678.9)).isEqualTo("12345678.9");
  }

  @Test
  void everyPriceIsTheShortestDecimalThatReadsBackAsIt() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      // quotes to the cent or to 1/100 of a cent, as data vendors give them, and arbitrary doubles
      double price =
          switch (i % 3) {
            case 0 -> random.nextLong(1, 10_000_000) / 100.0;
            case 1 -> random.nextLong(1, 1_000_000) / 10_000.0;
            default -> Math.exp(random.nextDouble(-12, 20));
          };
      String text = TickCsvFormat.price(price);
      assertThat(Double.parseDouble(text)).as(text).isEqualTo(price);
      assertThat(text)
          .doesNotContain("E")
          .doesNotEndWith(".")
          .matches(t -> !t.contains(".") || !t.endsWith("0"), "no trailing zero");
      java.math.BigDecimal exact = new java.math.BigDecimal(text);
      if (exact.scale() > 0) {
        // one digit fewer would not read back as the same price
        String shorter =
            exact.setScale(exact.scale() - 1, java.math.RoundingMode.HALF_EVEN).toPlainString();
        assertThat(Double.parseDouble(shorter)).as(text + " vs " + shorter).isNotEqualTo(price);
      }
    }
  }

  @Test
  void mergedLinesReadBackAsTheSameTicks() throws IOException {
    List<Tick> ticks =
        List.of(
            Ticks.bar("ibm.us", "2017-11-10", 150.65, 150.89, 149.14, 149.16, 4306433),
            Ticks.bar("aa.us", "2017-11-10", 0.0001, 0.0021, 0.0001, 0.0021, 0),
            Ticks.bar("ge.us", "2017-11-13", 1e-4, 12345678.9, 1e-4, 77.2, 7));
    StringBuilder text = new StringBuilder(TickCsvFormat.MERGED_HEADER).append(TickCsvFormat.EOL);
    ticks.forEach(t -> TickCsvFormat.appendLine(text, t, true));
    Path file = dir.resolve("part.csv");
    Files.writeString(file, text);

    List<Tick> read = new ArrayList<>();
    try (TickReader reader =
        TickCsv.read(TickSource.of(file), MalformedLinePolicy.FAIL, new ParseReport())) {
      reader.forEachRemaining(read::add);
    }

    assertThat(read).isEqualTo(ticks);
    assertThat(text.toString())
        .contains("2017-11-10,150.65,150.89,149.14,149.16,4306433,0,ibm.us\r\n");
  }
}
