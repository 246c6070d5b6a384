package io.stocklambda.core.dataset;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Commits one archived segment of the tick stream ({@code stream/_manifests/{segment}.json}): the
 * files it wrote and, per Kafka partition, the offsets it covers. It is written before the files
 * are moved into place and before Kafka offsets are committed, so it is the archive's source of
 * truth: a restart resumes after the highest offsets it records, and no tick is lost or archived
 * twice.
 *
 * @param offsets per {@code topic-partition}, the first and last offset covered (inclusive)
 */
public record SegmentManifest(
    String segment,
    Instant createdAt,
    long records,
    long deadLettered,
    List<SegmentFile> files,
    Map<String, OffsetRange> offsets) {

  public SegmentManifest {
    files = List.copyOf(files);
    offsets = Map.copyOf(offsets);
  }

  /**
   * @param path the final path; @param staged where it was written first
   */
  public record SegmentFile(String path, String staged, long rows) {}

  public record OffsetRange(long from, long to) {}
}
