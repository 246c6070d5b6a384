package io.stocklambda.ingest.land;

import io.stocklambda.core.csv.MalformedLimit;
import io.stocklambda.core.csv.MalformedLineException;
import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.progress.Progress;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The landing's check of its input, before anything is written: every file read through core's
 * parser, malformed lines and empty files reported with file and line, and the decision whether the
 * input is fit to land ({@code --on-malformed}, {@code --max-malformed}).
 */
final class LandingCheck {

  /** Malformed lines printed one by one; the rest are counted. */
  static final int PRINTED_MALFORMED = 50;

  private LandingCheck() {}

  static List<CheckedFile> check(LandConfig config, PrintStream out) {
    Path input = config.input();
    List<TickSource> sources = TickCsv.discover(input);
    Path base = Files.isDirectory(input) ? input : input.getParent();
    List<CheckedFile> checked = new ArrayList<>();
    long started = System.nanoTime();
    try (Progress progress = Progress.start("checking", "files", sources.size())) {
      for (TickSource source : sources) {
        String relative =
            base == null
                ? source.path().getFileName().toString()
                : base.relativize(source.path()).toString();
        checked.add(CheckedFile.check(source, relative, config.policy()));
        progress.advance(1);
      }
    }
    long bytes = checked.stream().mapToLong(CheckedFile::bytes).sum();
    long rows = checked.stream().mapToLong(CheckedFile::rows).sum();
    out.printf(
        "checked %d file(s), %.1f MB, %,d rows in %.2f s%n",
        checked.size(), bytes / 1e6, rows, (System.nanoTime() - started) / 1e9);
    return checked;
  }

  static void report(
      PrintStream out, List<CheckedFile> malformed, List<CheckedFile> empty, boolean landing) {
    for (CheckedFile f : empty) {
      out.println("  empty file, skipped: " + f.source().path());
    }
    int printed = 0;
    long bad = 0;
    for (CheckedFile f : malformed) {
      bad += f.malformedLines();
      List<MalformedLineException> lines = f.failure() != null ? List.of(f.failure()) : f.samples();
      for (MalformedLineException e : lines) {
        if (printed++ < PRINTED_MALFORMED) {
          out.println("  malformed: " + e.getMessage());
        }
      }
      if (f.failure() == null
          && f.malformedLines() > f.samples().size()
          && printed < PRINTED_MALFORMED) {
        out.printf(
            "  ... and %,d more malformed line(s) in %s%n",
            f.malformedLines() - f.samples().size(), f.source().path());
      }
    }
    if (printed > PRINTED_MALFORMED) {
      out.printf("  ... and %,d more malformed line(s) not shown%n", printed - PRINTED_MALFORMED);
    }
    if (bad > 0 && landing) {
      out.printf(
          "%,d malformed line(s) in %d file(s): landed as received and quarantined (named in the manifest; every reader "
              + "skips them)%n",
          bad, malformed.size());
    }
  }

  /**
   * Why the input must not be landed, or null: a malformed line under {@code fail}, too many under
   * {@code skip}.
   */
  static String refusal(LandConfig config, List<CheckedFile> checked, List<CheckedFile> malformed) {
    long bad = malformed.stream().mapToLong(CheckedFile::malformedLines).sum();
    if (bad == 0) {
      return null;
    }
    if (config.policy() == MalformedLinePolicy.FAIL) {
      return String.format(
          "%,d malformed line(s) in %d file(s) and --on-malformed fail takes none; fix them, or land with the "
              + "default --on-malformed skip, which quarantines up to --max-malformed (%s)",
          bad, malformed.size(), MalformedLimit.DEFAULT.text());
    }
    long dataLines = checked.stream().mapToLong(f -> f.rows() + f.malformedLines()).sum();
    if (config.limit().exceededBy(bad, dataLines)) {
      return String.format(
          "%,d malformed line(s) in %,d data lines (%.4f%%) are more than --max-malformed %s takes: this input "
              + "looks broken, not merely dirty; fix it, or raise --max-malformed",
          bad, dataLines, 100.0 * bad / dataLines, config.limit().text());
    }
    return null;
  }
}
