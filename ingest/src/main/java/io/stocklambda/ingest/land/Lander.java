package io.stocklambda.ingest.land;

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

  public Result land(LandConfig config) {
    MasterLayout layout = config.layout();
    List<CheckedFile> checked = LandingCheck.check(config, out);
    List<CheckedFile> malformed = checked.stream().filter(f -> f.malformedLines() > 0).toList();
    List<CheckedFile> empty = checked.stream().filter(CheckedFile::isEmpty).toList();
    String refusal = LandingCheck.refusal(config, checked, malformed);
    LandingCheck.report(out, malformed, empty, refusal == null);
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
