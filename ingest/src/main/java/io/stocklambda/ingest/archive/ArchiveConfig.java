package io.stocklambda.ingest.archive;

import io.stocklambda.core.dataset.MasterLayout;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * @param topic the tick topic to archive; records that are not ticks go to {@code <topic>-dlq}
 * @param instance this archiver's static membership id within the group
 * @param rollRecords a segment is committed when it holds this many records
 * @param rollInterval ... or when it is this old, whichever comes first
 * @param crashAfter for crash tests only: halt the JVM right after this step of a segment commit
 *     ({@code staged}, {@code manifest}, {@code promoted}), as a kill would
 * @param arrivalDate the UTC day the ticks are taken to arrive on, or null for today (tests of the
 *     daily partitions and their {@code _SUCCESS}, which otherwise need a day to pass)
 */
public record ArchiveConfig(
    String bootstrap,
    String topic,
    String hdfs,
    MasterLayout layout,
    String groupId,
    String instance,
    int rollRecords,
    Duration rollInterval,
    String crashAfter,
    LocalDate arrivalDate) {

  public ArchiveConfig {
    Objects.requireNonNull(bootstrap, "bootstrap");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(hdfs, "hdfs");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(groupId, "groupId");
    MasterLayout.name("--instance", instance); // it names segments and their staging directories
    if (rollRecords < 1) {
      throw new IllegalArgumentException("--roll-records must be at least 1");
    }
    if (rollInterval.isNegative() || rollInterval.isZero()) {
      throw new IllegalArgumentException("--roll-seconds must be above 0");
    }
  }

  /** The day of arrival of what is committed now: {@link #arrivalDate}, or today in UTC. */
  public LocalDate arrival() {
    return arrivalDate != null ? arrivalDate : LocalDate.now(ZoneOffset.UTC);
  }
}
