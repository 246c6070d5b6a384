package io.stocklambda.ingest.archive;

import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.dataset.SegmentManifest;
import io.stocklambda.core.dataset.SegmentManifest.SegmentFile;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.json.MalformedRecordException;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.kafka.DeadLetterSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Archives the {@code ticks} topic into the master dataset, exactly once across crashes.
 *
 * <p>Ticks are buffered into a segment, written as one CSV file under {@code _staging}, then
 * committed by the segment's manifest (file and per-partition offset ranges), moved into {@code
 * date=<arrival date, UTC>/}, and only then committed to Kafka. Partitions are days of arrival, not
 * trading dates (a replay of history would otherwise write one small file per trading day per
 * segment); each tick keeps its trading date in the file, and a day is marked {@code _SUCCESS} once
 * a segment of a later day is committed. The manifests are the source of truth: at start, staged
 * files of committed segments are moved into place (roll forward), this instance's staging without
 * a manifest is deleted (roll back; another instance's is never touched: segment ids carry the
 * instance), and at every partition assignment, not only the first, consumption resumes after the
 * highest offsets the manifests record at that moment, whatever Kafka's committed offsets say; so a
 * rebalance between instances neither repeats nor skips a tick. Records that are not ticks go to
 * {@code ticks-dlq} (flushed before the segment commits past them; at least once).
 */
public final class Archiver {

  static final JsonCodec<SegmentManifest> MANIFEST = JsonCodec.of(SegmentManifest.class);
  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);
  private static final DateTimeFormatter SEGMENT_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

  private final ArchiveConfig config;
  private final FileSystem fs;
  private final Consumer<byte[], byte[]> consumer;
  private final DeadLetterSink deadLetters;
  private final PrintStream out;
  private final MasterLayout layout;
  private final ArchiveManifests manifests;
  private Segment segment = new Segment();
  private long archived;
  private long deadLettered;
  private LocalDate lastArrival;

  Archiver(
      ArchiveConfig config,
      FileSystem fs,
      Consumer<byte[], byte[]> consumer,
      DeadLetterSink deadLetters,
      PrintStream out) {
    this.config = config;
    this.fs = fs;
    this.consumer = consumer;
    this.deadLetters = deadLetters;
    this.out = out;
    this.layout = config.layout();
    this.manifests = new ArchiveManifests(fs, layout);
  }

  /** Recovers, then archives until {@code stop} says so; commits what it holds before returning. */
  void run(BooleanSupplier stop) {
    recover();
    consumer.subscribe(
        List.of(config.topic()),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commit();
            if (!partitions.isEmpty()) {
              out.printf("partitions revoked: %s%n", partitions);
            }
          }

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
              return;
            }
            // the manifests as they are now: another instance may have archived these partitions
            // since we started
            Map<TopicPartition, Long> resumeAt = committedOffsets();
            Map<TopicPartition, Long> seeks =
                new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
            for (TopicPartition p : partitions) {
              Long next = resumeAt.get(p);
              if (next != null) {
                consumer.seek(p, next);
                seeks.put(p, next);
              }
            }
            out.printf(
                "partitions assigned: %s; from the manifests %s, the rest from the group's offsets%n",
                partitions, seeks);
          }
        });
    while (!stop.getAsBoolean()) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try {
          segment.add(TICKS.decode(record.value()), partition, record.offset());
        } catch (MalformedRecordException e) {
          deadLetters.send(record, e.reason());
          segment.deadLettered(partition, record.offset());
        }
        if (segment.records() >= config.rollRecords()) {
          commit(); // segments hold at most rollRecords, whatever a poll returns
        }
      }
      if (!segment.isEmpty() && segment.ageNanos() >= config.rollInterval().toNanos()) {
        commit();
      }
    }
    commit();
  }

  long archived() {
    return archived;
  }

  /** Records read so far, committed or not. */
  long consumed() {
    return archived + deadLettered + segment.records();
  }

  long deadLettered() {
    return deadLettered;
  }

  /** Commits the current segment: stage, manifest, move into place, commit offsets to Kafka. */
  void commit() {
    if (segment.isEmpty()) {
      return;
    }
    Segment committing = segment;
    segment = new Segment();
    deadLetters.flush();
    String id =
        segmentPrefix()
            + SEGMENT_TIME.format(Instant.now())
            + "-"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    try {
      LocalDate arrival = config.arrival();
      String staged = layout.streamStaging(id) + "/part-" + id + ".csv";
      List<SegmentFile> files = new ArrayList<>();
      if (committing.rows() > 0) {
        write(new Path(staged), committing.csv().getBytes(StandardCharsets.UTF_8));
        files.add(new SegmentFile(layout.streamFile(arrival, id), staged, committing.rows()));
      }
      crashPoint("staged");
      SegmentManifest manifest =
          new SegmentManifest(
              id,
              Instant.now(),
              committing.rows(),
              committing.deadLetteredCount(),
              files,
              committing.offsetRanges());
      Path tmp = new Path(layout.streamManifests() + "/." + id + ".json.tmp");
      write(tmp, MANIFEST.encode(manifest));
      if (!fs.rename(tmp, new Path(layout.streamManifest(id)))) {
        throw new IOException("cannot commit manifest " + layout.streamManifest(id));
      }
      crashPoint("manifest");
      manifests.promote(manifest);
      crashPoint("promoted");
      Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
      committing
          .offsets()
          .forEach((p, range) -> next.put(p, new OffsetAndMetadata(range[1] + 1, id)));
      consumer.commitSync(next);
      fs.delete(new Path(layout.streamStaging(id)), true);
      markDaysCompleteBefore(arrival);
      archived += manifest.records();
      deadLettered += manifest.deadLettered();
      out.printf(
          "segment %s: %,d ticks in %d file(s), %d dead-lettered, offsets %s%n",
          id, manifest.records(), files.size(), manifest.deadLettered(), manifest.offsets());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot archive segment " + id + " into " + fs.getUri() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Rolls committed segments forward and this instance's uncommitted ones back; returns, per
   * partition, the offset after the highest one any manifest records.
   */
  Map<TopicPartition, Long> recover() {
    return manifests.recover(this::isMine, out);
  }

  /** Per partition, the offset after the highest one the committed manifests record now. */
  Map<TopicPartition, Long> committedOffsets() {
    return manifests.committedOffsets();
  }

  /**
   * Segment ids begin with the instance, so that an instance only ever rolls back its own staging.
   */
  private String segmentPrefix() {
    return "seg-" + config.instance() + "-";
  }

  /**
   * Whether a staged segment is this instance's (ids before instances were named count as instance
   * 1's).
   */
  private boolean isMine(String segment) {
    return segment.startsWith(segmentPrefix())
        || (config.instance().equals("1") && segment.matches("seg-\\d{8}T.*"));
  }

  /**
   * Marks every earlier arrival day {@code _SUCCESS}: once a segment of a new day is committed,
   * nothing more arrives for the days before, which is what a daily coordinator waits for.
   */
  private void markDaysCompleteBefore(LocalDate arrival) throws IOException {
    if (arrival.equals(lastArrival)) {
      return;
    }
    lastArrival = arrival;
    for (FileStatus day : fs.listStatus(new Path(layout.stream()))) {
      java.util.Optional<LocalDate> date = MasterLayout.streamDateOf(day.getPath().toString());
      Path done = new Path(day.getPath(), MasterLayout.DONE);
      if (date.isPresent() && date.get().isBefore(arrival) && !fs.exists(done)) {
        fs.create(done, false).close();
      }
    }
  }

  private void write(Path path, byte[] bytes) throws IOException {
    try (OutputStream o = fs.create(path, true)) {
      o.write(bytes);
    }
  }

  private void crashPoint(String step) {
    if (step.equals(config.crashAfter())) {
      out.println("crash test: halting after step '" + step + "'");
      out.flush();
      Runtime.getRuntime().halt(99);
    }
  }
}
