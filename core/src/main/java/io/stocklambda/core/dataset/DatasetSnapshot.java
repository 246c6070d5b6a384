package io.stocklambda.core.dataset;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Which part of the master dataset a training set was built from: the committed landed batches by
 * id and the archived stream's arrival days. The master dataset is append-only, so these name the
 * snapshot exactly. Written by the windows job as {@value MasterLayout#SNAPSHOT} beside the
 * training set, copied into each model's lineage.
 *
 * @param landedBatches ids of the landed batches, sorted
 * @param firstStreamDay first arrival day of archived live ticks, or null if none
 * @param lastStreamDay last arrival day, or null
 * @param streamDays arrival days read
 * @param files data files read
 * @param bytes their total size, in bytes
 */
public record DatasetSnapshot(
    List<String> landedBatches,
    LocalDate firstStreamDay,
    LocalDate lastStreamDay,
    int streamDays,
    long files,
    long bytes) {

  public DatasetSnapshot {
    landedBatches = List.copyOf(new TreeSet<>(Objects.requireNonNull(landedBatches)));
  }

  /**
   * The snapshot of a list of master-dataset files.
   *
   * @param paths the files, as the windows job reads them (landed batch files and stream parts)
   * @param bytes their total size
   */
  public static DatasetSnapshot of(MasterLayout layout, List<String> paths, long bytes) {
    TreeSet<String> batches = new TreeSet<>();
    TreeSet<LocalDate> days = new TreeSet<>();
    String landed = layout.landed() + "/";
    for (String path : paths) {
      int at = path.indexOf(landed);
      if (at >= 0) {
        String rest = path.substring(at + landed.length());
        int slash = rest.indexOf('/');
        batches.add(slash < 0 ? rest : rest.substring(0, slash));
      } else {
        MasterLayout.streamDateOf(path).ifPresent(days::add);
      }
    }
    return new DatasetSnapshot(
        List.copyOf(batches),
        days.isEmpty() ? null : days.first(),
        days.isEmpty() ? null : days.last(),
        days.size(),
        paths.size(),
        bytes);
  }

  /** One line: {@code 2 landed batch(es), 14 stream day(s) 2017-11-01..2017-11-14, 104 files}. */
  public String describe() {
    return String.format(
        "%d landed batch(es)%s, %d stream day(s)%s, %,d file(s), %.1f MB",
        landedBatches.size(),
        landedBatches.isEmpty()
            ? ""
            : " (last " + landedBatches.get(landedBatches.size() - 1) + ")",
        streamDays,
        firstStreamDay == null ? "" : " " + firstStreamDay + ".." + lastStreamDay,
        files,
        bytes / 1e6);
  }
}
