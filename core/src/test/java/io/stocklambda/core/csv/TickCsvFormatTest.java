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

  @TempDir
  Path dir;

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
  void mergedLinesReadBackAsTheSameTicks() throws IOException {
    List<Tick> ticks = List.of(
        Ticks.bar("ibm.us", "2017-11-10", 150.65, 150.89, 149.14, 149.16, 4306433),
        Ticks.bar("aa.us", "2017-11-10", 0.0001, 0.0021, 0.0001, 0.0021, 0),
        Ticks.bar("ge.us", "2017-11-13", 1e-4, 12345678.9, 1e-4, 77.2, 7));
    StringBuilder text = new StringBuilder(TickCsvFormat.MERGED_HEADER).append(TickCsvFormat.EOL);
    ticks.forEach(t -> TickCsvFormat.appendLine(text, t, true));
    Path file = dir.resolve("part.csv");
    Files.writeString(file, text);

    List<Tick> read = new ArrayList<>();
    try (TickReader reader = TickCsv.read(TickSource.of(file), MalformedLinePolicy.FAIL, new ParseReport())) {
      reader.forEachRemaining(read::add);
    }

    assertThat(read).isEqualTo(ticks);
    assertThat(text.toString()).contains("2017-11-10,150.65,150.89,149.14,149.16,4306433,0,ibm.us\r\n");
  }
}
