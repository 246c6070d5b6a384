package io.stocklambda.core.synth;

import java.nio.file.Path;
import java.time.LocalDate;

/** What {@link SyntheticMarket#write} produced. */
public record GeneratedMarket(Path dir, int stockFiles, int etfFiles, int emptyFiles, long rows, LocalDate firstDate, LocalDate lastDate) {

  public String describe() {
    return String.format("%d stock files, %d ETF files, %d empty files, %,d rows from %s to %s in %s",
        stockFiles, etfFiles, emptyFiles, rows, firstDate, lastDate, dir);
  }
}
