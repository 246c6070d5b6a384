package io.stocklambda.ingest.land;

import io.stocklambda.core.csv.MalformedLimit;
import io.stocklambda.core.csv.MalformedLineException;
import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.dataset.LandingManifest;
import io.stocklambda.core.dataset.LandingManifest.LandedFile;
import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.progress.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Lands raw tick files in the master dataset: checks every file with core's parser and checksums
 * it, refuses before copying anything if the input has more malformed lines than its policy and
 * limit take (otherwise they are reported, landed as received and quarantined), skips empty files
 * and files already landed with the same name and content, copies the rest byte for byte into a new
 * batch, and commits the batch with its manifest. Landed files are never rewritten.
 */
public final class Lander {

  static final JsonCodec<LandingManifest> MANIFEST = JsonCodec.of(LandingManifest.class);
  private static final DateTimeFormatter BATCH_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final FileSystem fs;
  private final PrintStream out;
  private final int threads;

  public Lander(FileSystem fs, PrintStream out) {
    this(fs, out, 4);
  }

  public Lander(FileSystem fs, PrintStream out, int threads) {
    this.fs = Objects.requireNonNull(fs, "fs");
    this.out = Objects.requireNonNull(out, "out");
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1");
    }
    this.threads = threads;
  }

  /**
   * What a landing did. {@code manifest} is empty when nothing new was landed; {@code refusal} says
   * why nothing was, when the input was refused for its malformed lines.
   */
  public record Result(
      List<CheckedFile> checked,
      List<CheckedFile> malformed,
      List<CheckedFile> empty,
      List<CheckedFile> alreadyLanded,
      java.util.Optional<LandingManifest> manifest,
      double copySeconds,
      String refusal) {

    public boolean refused() {
      return refusal != null;
    }

    public long malformedLines() {
      return malformed.stream().mapToLong(CheckedFile::malformedLines).sum();
    }
  }

  /** At most this many malformed lines are printed one by one; the rest are counted. */
  private static final int PRINTED_MALFORMED = 50;

  public Result land(LandConfig config) {
    MasterLayout layout = config.layout();
    List<CheckedFile> checked = check(config);
    List<CheckedFile> malformed = checked.stream().filter(f -> f.malformedLines() > 0).toList();
    List<CheckedFile> empty = checked.stream().filter(CheckedFile::isEmpty).toList();
    String refusal = refusal(config, checked, malformed);
    report(malformed, empty, refusal == null);
    if (refusal != null) {
      out.println("nothing landed: " + refusal);
      return new Result(
          checked, malformed, empty, List.of(), java.util.Optional.empty(), 0, refusal);
    }
    try {
      Set<String> landed = landedIdentities(layout, config.removeIncomplete());
      List<CheckedFile> already = new ArrayList<>();
      List<CheckedFile> toCopy = new ArrayList<>();
      for (CheckedFile f : checked) {
        if (f.isEmpty()) {
          continue;
        }
        (landed.contains(f.identity()) ? already : toCopy).add(f);
      }
      if (toCopy.isEmpty()) {
        out.printf(
            "nothing new to land: %d file(s) are already in the master dataset with the same content%n",
            already.size());
        return new Result(checked, malformed, empty, already, java.util.Optional.empty(), 0, null);
      }
      String batch =
          "batch-"
              + BATCH_TIME.format(Instant.now())
              + "-"
              + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
      long started = System.nanoTime();
      List<LandedFile> files = copy(layout, batch, toCopy);
      double seconds = (System.nanoTime() - started) / 1e9;
      LandingManifest manifest =
          new LandingManifest(
              batch,
              Instant.now(),
              config.input().toString(),
              files,
              empty.stream().map(CheckedFile::relativePath).toList());
      try (OutputStream o =
          fs.create(new org.apache.hadoop.fs.Path(layout.landedManifest(batch)), false)) {
        o.write(MANIFEST.encode(manifest));
      }
      out.printf(
          "landed %d file(s), %,d rows, %.1f MB in %.2f s (%.1f MB/s) as %s%n",
          files.size(),
          manifest.rows(),
          manifest.bytes() / 1e6,
          seconds,
          manifest.bytes() / 1e6 / Math.max(seconds, 1e-9),
          fs.makeQualified(new org.apache.hadoop.fs.Path(layout.landedBatch(batch))));
      if (!already.isEmpty()) {
        out.printf("skipped %d file(s) already landed with the same content%n", already.size());
      }
      return new Result(
          checked, malformed, empty, already, java.util.Optional.of(manifest), seconds, null);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "landing into " + fs.getUri() + layout.landed() + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Why the input must not be landed, or null: a malformed line under {@code fail}, too many under
   * {@code skip}.
   */
  private static String refusal(
      LandConfig config, List<CheckedFile> checked, List<CheckedFile> malformed) {
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

  private List<CheckedFile> check(LandConfig config) {
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

  private void report(List<CheckedFile> malformed, List<CheckedFile> empty, boolean landing) {
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
   * Identities of the files of every committed batch; reports batches an interrupted landing left.
   */
  private Set<String> landedIdentities(MasterLayout layout, boolean removeIncomplete)
      throws IOException {
    Set<String> identities = new HashSet<>();
    org.apache.hadoop.fs.Path landed = new org.apache.hadoop.fs.Path(layout.landed());
    if (!fs.exists(landed)) {
      return identities;
    }
    for (FileStatus batch : fs.listStatus(landed)) {
      org.apache.hadoop.fs.Path manifest =
          new org.apache.hadoop.fs.Path(batch.getPath(), MasterLayout.MANIFEST);
      if (!fs.exists(manifest)) {
        if (removeIncomplete) {
          fs.delete(batch.getPath(), true);
          out.println(
              "  removed incomplete batch "
                  + batch.getPath().getName()
                  + " (a landing that did not finish)");
        } else {
          out.println(
              "  ignoring incomplete batch "
                  + batch.getPath().getName()
                  + " (no manifest; --remove-incomplete deletes it)");
        }
        continue;
      }
      try (InputStream in = fs.open(manifest)) {
        MANIFEST.decode(in.readAllBytes()).files().forEach(f -> identities.add(f.identity()));
      }
    }
    return identities;
  }

  /**
   * Copies files byte for byte, {@code threads} at a time: each small file costs a few NameNode
   * round trips.
   */
  private List<LandedFile> copy(MasterLayout layout, String batch, List<CheckedFile> files)
      throws IOException {
    long total = files.stream().mapToLong(CheckedFile::bytes).sum();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try (Progress progress = Progress.start("landing", "bytes", total)) {
      List<java.util.concurrent.Future<LandedFile>> copies = new ArrayList<>(files.size());
      for (CheckedFile f : files) {
        copies.add(pool.submit(() -> copyOne(layout, batch, f, progress)));
      }
      List<LandedFile> landed = new ArrayList<>(files.size());
      for (java.util.concurrent.Future<LandedFile> copy : copies) {
        landed.add(copy.get());
      }
      return landed;
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while landing", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private LandedFile copyOne(MasterLayout layout, String batch, CheckedFile f, Progress progress)
      throws IOException {
    org.apache.hadoop.fs.Path target =
        new org.apache.hadoop.fs.Path(layout.landedBatch(batch) + "/" + f.relativePath());
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(f.source().path());
        OutputStream o = fs.create(target, false)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        o.write(buffer, 0, n);
      }
    }
    synchronized (progress) {
      progress.advance(f.bytes());
    }
    return new LandedFile(
        f.relativePath(),
        f.name(),
        f.sha256(),
        f.bytes(),
        f.rows(),
        f.malformedLines(),
        f.quarantined());
  }
}
