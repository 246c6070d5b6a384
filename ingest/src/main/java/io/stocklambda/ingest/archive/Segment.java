package io.stocklambda.ingest.archive;

import io.stocklambda.core.csv.TickCsvFormat;
import io.stocklambda.core.dataset.SegmentManifest.OffsetRange;
import io.stocklambda.core.tick.Tick;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The ticks consumed since the last commit and the offsets they cover. Written as one CSV file in
 * (date, stock) order, like every tick file of the master dataset, so core's readers and merge take
 * it as they take a Kaggle file.
 */
final class Segment {

  private static final java.util.Comparator<Tick> ORDER =
      java.util.Comparator.comparing(Tick::date).thenComparing(Tick::stock);

  private final java.util.List<Tick> ticks = new java.util.ArrayList<>();
  private final Map<TopicPartition, long[]> offsets =
      new TreeMap<>(
          java.util.Comparator.comparing(TopicPartition::topic)
              .thenComparingInt(TopicPartition::partition));
  private final long startedNanos = System.nanoTime();
  private long rows;
  private long records;
  private long deadLettered;

  void add(Tick tick, TopicPartition partition, long offset) {
    ticks.add(tick);
    rows++;
    consumed(partition, offset);
  }

  void deadLettered(TopicPartition partition, long offset) {
    deadLettered++;
    consumed(partition, offset);
  }

  private void consumed(TopicPartition partition, long offset) {
    long[] range = offsets.computeIfAbsent(partition, p -> new long[] {offset, offset});
    range[0] = Math.min(range[0], offset);
    range[1] = Math.max(range[1], offset);
    records++;
  }

  boolean isEmpty() {
    return records == 0;
  }

  /** Records consumed: ticks and dead letters. */
  long records() {
    return records;
  }

  /** Ticks in the file. */
  long rows() {
    return rows;
  }

  long deadLetteredCount() {
    return deadLettered;
  }

  long ageNanos() {
    return System.nanoTime() - startedNanos;
  }

  String csv() {
    ticks.sort(ORDER);
    StringBuilder csv =
        new StringBuilder(64 * (ticks.size() + 1))
            .append(TickCsvFormat.MERGED_HEADER)
            .append(TickCsvFormat.EOL);
    for (Tick tick : ticks) {
      TickCsvFormat.appendLine(csv, tick, true);
    }
    return csv.toString();
  }

  Map<TopicPartition, long[]> offsets() {
    return offsets;
  }

  Map<String, OffsetRange> offsetRanges() {
    Map<String, OffsetRange> out = new TreeMap<>();
    offsets.forEach((p, r) -> out.put(p.toString(), new OffsetRange(r[0], r[1])));
    return out;
  }
}
