package io.stocklambda.core.dataset;

import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.csv.TickCsvFormat;
import io.stocklambda.core.csv.TickReader;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.tick.Tick;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Splits a tick dataset at a date into a history part (the batch layer's input) and a live part
 * (what is replayed into the speed layer), file by file in constant memory. Each input file becomes
 * at most one file in each part, under the same relative path; a merged file stays merged (with its
 * {@code Stock} column). The split files read back to exactly the input's ticks.
 */
public final class DatasetSplit {

  /** What a split wrote. */
  public record Result(
      Path history,
      Path live,
      LocalDate firstLiveDate,
      long historyRows,
      long liveRows,
      int historyFiles,
      int liveFiles) {

    public String describe() {
      return String.format(
          "history: %,d rows in %d file(s) before %s; live: %,d rows in %d file(s) from %s on",
          historyRows, historyFiles, firstLiveDate, liveRows, liveFiles, firstLiveDate);
    }
  }

  private DatasetSplit() {}

  /** Every distinct trading date of the sources, in one streaming pass. */
  public static NavigableSet<LocalDate> tradingDates(
      List<TickSource> sources, MalformedLinePolicy policy, ParseReport report) {
    NavigableSet<LocalDate> dates = new TreeSet<>();
    for (TickSource source : sources) {
      try (TickReader reader = TickCsv.read(source, policy, report)) {
        while (reader.hasNext()) {
          dates.add(reader.next().date());
        }
      }
    }
    return dates;
  }

  /**
   * The first of the last {@code n} trading dates.
   *
   * @throws IllegalArgumentException unless some dates are left before it (there must be history)
   */
  public static LocalDate firstOfLast(NavigableSet<LocalDate> dates, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("the live part needs at least one trading day, was " + n);
    }
    if (dates.size() <= n) {
      throw new IllegalArgumentException(
          "the data has "
              + dates.size()
              + " trading day(s); keeping the last "
              + n
              + " for the live part would leave no history");
    }
    LocalDate first = null;
    int seen = 0;
    for (LocalDate d : dates.descendingSet()) {
      first = d;
      if (++seen == n) {
        break;
      }
    }
    return first;
  }

  /**
   * Writes the ticks of {@code input} dated before {@code firstLive} under {@code history} and the
   * others under {@code live}. Empty files and (under {@link MalformedLinePolicy#SKIP}) malformed
   * lines are counted in {@code report}; under {@code FAIL} a malformed line stops the split with
   * its file and line named.
   */
  public static Result split(
      Path input,
      LocalDate firstLive,
      Path history,
      Path live,
      MalformedLinePolicy policy,
      ParseReport report) {
    List<TickSource> sources = TickCsv.discover(input);
    long historyRows = 0;
    long liveRows = 0;
    int historyFiles = 0;
    int liveFiles = 0;
    for (TickSource source : sources) {
      Path relative =
          Files.isDirectory(input) ? input.relativize(source.path()) : source.path().getFileName();
      try (TickReader reader = TickCsv.read(source, policy, report);
          Part before = new Part(history.resolve(relative.toString()));
          Part after = new Part(live.resolve(relative.toString()))) {
        while (reader.hasNext()) {
          Tick tick = reader.next();
          boolean merged = !tick.stock().equals(source.symbol());
          (tick.date().isBefore(firstLive) ? before : after).write(tick, merged);
        }
        historyRows += before.rows;
        liveRows += after.rows;
        historyFiles += before.rows > 0 ? 1 : 0;
        liveFiles += after.rows > 0 ? 1 : 0;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot split " + source.path() + ": " + e.getMessage(), e);
      }
    }
    return new Result(history, live, firstLive, historyRows, liveRows, historyFiles, liveFiles);
  }

  /** One output file, created on its first tick. */
  private static final class Part implements AutoCloseable {
    private final Path file;
    private final StringBuilder line = new StringBuilder(80);
    private BufferedWriter out;
    private Boolean merged;
    long rows;

    Part(Path file) {
      this.file = file;
    }

    void write(Tick tick, boolean mergedTick) throws IOException {
      if (out == null) {
        Files.createDirectories(file.getParent());
        out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        merged = mergedTick;
        out.write(merged ? TickCsvFormat.MERGED_HEADER : TickCsvFormat.KAGGLE_HEADER);
        out.write(TickCsvFormat.EOL);
      }
      line.setLength(0);
      out.append(TickCsvFormat.appendLine(line, tick, merged));
      rows++;
    }

    @Override
    public void close() throws IOException {
      if (out != null) {
        out.close();
      }
    }
  }
}
