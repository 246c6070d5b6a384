package io.stocklambda.core.synth;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * What {@link SyntheticMarket#write} or {@link SyntheticMarket#writeMerged} produced.
 *
 * @param rows valid data rows written (malformed lines not included)
 * @param malformed the lines written malformed on purpose
 */
public record GeneratedMarket(
    Path dir,
    int stockFiles,
    int etfFiles,
    int emptyFiles,
    long rows,
    List<MalformedLine> malformed,
    LocalDate firstDate,
    LocalDate lastDate) {

  public GeneratedMarket {
    malformed = List.copyOf(malformed);
  }

  public String describe() {
    return String.format(
        "%,d stock files, %,d ETF files, %,d empty files, %,d rows%s from %s to %s in %s",
        stockFiles,
        etfFiles,
        emptyFiles,
        rows,
        malformed.isEmpty() ? "" : String.format(" and %d malformed line(s)", malformed.size()),
        firstDate,
        lastDate,
        dir);
  }
}
