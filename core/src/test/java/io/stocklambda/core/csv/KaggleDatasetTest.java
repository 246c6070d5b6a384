package io.stocklambda.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.testing.SharedKaggleData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every file of the real dataset beside the project, parsed strictly, with exact counts. */
class KaggleDatasetTest {

  @Test
  void everySharedFileParsesWithItsExactRowCount() throws IOException {
    Path kaggle = SharedKaggleData.require();
    List<TickSource> sources = TickCsv.discover(kaggle);
    ParseReport report = new ParseReport();
    long stockRows = 0;

    for (TickSource source : sources) {
      long rows = 0;
      try (TickReader reader = TickCsv.read(source, MalformedLinePolicy.FAIL, report)) {
        while (reader.hasNext()) {
          assertThat(reader.next().stock()).isEqualTo(source.symbol());
          rows++;
        }
      }
      assertThat(rows).as("rows of %s", source.path()).isEqualTo(dataLinesOf(source.path()));
      if (source.path().getParent().getFileName().toString().equals("Stocks")) {
        stockRows += rows;
      }
    }

    assertThat(sources).hasSize(SharedKaggleData.STOCK_FILES + SharedKaggleData.ETF_FILES);
    assertThat(report.rows()).isEqualTo(SharedKaggleData.TOTAL_ROWS);
    assertThat(stockRows).isEqualTo(SharedKaggleData.STOCK_ROWS);
    assertThat(report.malformedLines()).isZero();
    assertThat(report.emptyFiles())
        .extracting(p -> p.getFileName().toString())
        .containsExactly("molc.us.txt", "vist.us.txt");
  }

  /** An independent count: non-blank lines minus the header. */
  private static long dataLinesOf(Path file) throws IOException {
    long lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count();
    return Math.max(0, lines - 1);
  }
}
