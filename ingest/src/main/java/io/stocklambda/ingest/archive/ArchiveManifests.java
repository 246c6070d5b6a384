package io.stocklambda.ingest.archive;

import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.dataset.SegmentManifest;
import io.stocklambda.core.dataset.SegmentManifest.SegmentFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;

/**
 * The archive's committed segments, as their manifests in {@code stream/_manifests/} record them:
 * where each partition resumes, and the recovery that rolls committed segments forward (their
 * staged files moved into place) and an instance's uncommitted ones back.
 */
final class ArchiveManifests {

  private final FileSystem fs;
  private final MasterLayout layout;

  ArchiveManifests(FileSystem fs, MasterLayout layout) {
    this.fs = fs;
    this.layout = layout;
  }

  /**
   * Rolls committed segments forward and uncommitted ones back; returns, per partition, the offset
   * after the highest one any manifest records.
   */
  Map<TopicPartition, Long> recover(java.util.function.Predicate<String> mine, PrintStream out) {
    Map<TopicPartition, Long> next = new HashMap<>();
    try {
      int rolledForward = 0;
      int rolledBack = 0;
      java.util.Set<String> committed = new java.util.HashSet<>();
      for (SegmentManifest manifest : read()) {
        committed.add(manifest.segment());
        rolledForward += promote(manifest);
        manifest
            .offsets()
            .forEach((p, range) -> next.merge(partition(p), range.to() + 1, Math::max));
      }
      Path staging = new Path(layout.streamStagingRoot());
      if (fs.exists(staging)) {
        for (FileStatus dir : fs.listStatus(staging)) {
          String name = dir.getPath().getName();
          if (committed.contains(name)) {
            fs.delete(dir.getPath(), true); // moved into place above
          } else if (mine.test(name)) {
            rolledBack++;
            fs.delete(dir.getPath(), true);
          } // another instance's segment in the making: its own recovery decides
        }
      }
      out.printf(
          "recovered: %d segment(s) committed, %d staged file(s) moved into place, %d uncommitted segment(s) discarded; resuming at %s%n",
          committed.size(),
          rolledForward,
          rolledBack,
          next.isEmpty() ? "the committed Kafka offsets" : next);
      return next;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot recover the archive in " + fs.getUri() + layout.stream() + ": " + e.getMessage(),
          e);
    }
  }

  /** Per partition, the offset after the highest one the committed manifests record now. */
  Map<TopicPartition, Long> committedOffsets() {
    Map<TopicPartition, Long> next = new HashMap<>();
    try {
      for (SegmentManifest manifest : read()) {
        manifest
            .offsets()
            .forEach((p, range) -> next.merge(partition(p), range.to() + 1, Math::max));
      }
      return next;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the archive's manifests in "
              + fs.getUri()
              + layout.stream()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Every committed segment's manifest. */
  private List<SegmentManifest> read() throws IOException {
    Path dir = new Path(layout.streamManifests());
    List<SegmentManifest> out = new ArrayList<>();
    if (!fs.exists(dir)) {
      return out;
    }
    for (FileStatus status : fs.listStatus(dir)) {
      if (status.getPath().getName().endsWith(".json")
          && !status.getPath().getName().startsWith(".")) {
        try (InputStream in = fs.open(status.getPath())) {
          out.add(Archiver.MANIFEST.decode(in.readAllBytes()));
        }
      }
    }
    return out;
  }

  /** Moves a committed segment's staged files into place; returns how many it moved. */
  int promote(SegmentManifest manifest) throws IOException {
    int moved = 0;
    for (SegmentFile file : manifest.files()) {
      Path target = new Path(file.path());
      if (fs.exists(target)) {
        continue;
      }
      Path staged = new Path(file.staged());
      if (!fs.exists(staged)) {
        throw new IOException(
            "segment "
                + manifest.segment()
                + " lists "
                + file.path()
                + ", which is neither in place nor staged");
      }
      fs.mkdirs(target.getParent());
      if (!fs.rename(staged, target)
          && !fs.exists(target)) { // another instance's recovery may have just moved it
        throw new IOException("cannot move " + staged + " to " + target);
      }
      moved++;
    }
    return moved;
  }

  static TopicPartition partition(String text) {
    int dash = text.lastIndexOf('-');
    return new TopicPartition(text.substring(0, dash), Integer.parseInt(text.substring(dash + 1)));
  }
}
