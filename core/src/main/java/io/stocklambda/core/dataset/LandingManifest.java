package io.stocklambda.core.dataset;

import java.time.Instant;
import java.util.List;

/**
 * Commits one landing batch ({@code landed/{batch}/_MANIFEST.json}): written after every file of
 * the batch is copied, so a batch without it is an interrupted landing and is ignored by readers.
 *
 * @param files the files landed, with their content checksum (a file already landed with the same
 *     name and checksum is never landed again)
 * @param emptyFiles files of the input with no data row, reported and not landed
 */
public record LandingManifest(
    String batch,
    Instant landedAt,
    String source,
    List<LandedFile> files,
    List<String> emptyFiles) {

  public LandingManifest {
    files = List.copyOf(files);
    emptyFiles = List.copyOf(emptyFiles);
  }

  /**
   * @param path relative to the batch directory
   * @param name the file name (its symbol's source)
   * @param quarantined the file's malformed lines (the first ones of each file, up to {@code
   *     ParseReport.MAX_SAMPLES}): landed as received, as the master dataset keeps raw facts, and
   *     skipped by every reader, whose parser refuses them too
   */
  public record LandedFile(
      String path,
      String name,
      String sha256,
      long bytes,
      long rows,
      long malformedLines,
      List<QuarantinedLine> quarantined) {

    public LandedFile {
      quarantined = quarantined == null ? List.of() : List.copyOf(quarantined);
    }

    public LandedFile(
        String path, String name, String sha256, long bytes, long rows, long malformedLines) {
      this(path, name, sha256, bytes, rows, malformedLines, List.of());
    }

    /** What makes two landings the same fact. */
    public String identity() {
      return name + ":" + sha256;
    }
  }

  /** A malformed line of a landed file: its 1-based number and what is wrong with it. */
  public record QuarantinedLine(long line, String reason) {}

  public long malformedLines() {
    return files.stream().mapToLong(LandedFile::malformedLines).sum();
  }

  public long rows() {
    return files.stream().mapToLong(LandedFile::rows).sum();
  }

  public long bytes() {
    return files.stream().mapToLong(LandedFile::bytes).sum();
  }
}
