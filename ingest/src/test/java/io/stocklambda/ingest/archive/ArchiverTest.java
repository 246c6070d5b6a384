package io.stocklambda.ingest.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.csv.TickReader;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.dataset.SegmentManifest;
import io.stocklambda.core.dataset.Topics;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.testing.Ticks;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.kafka.DeadLetterSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive's commit protocol on a local file system and a mock consumer: what lands where, and
 * how each crash window recovers. The real crash, on HDFS and Kafka, is in ArchiveIT.
 */
class ArchiverTest {

  private static final TopicPartition P0 = new TopicPartition(Topics.TICKS, 0);
  private static final JsonCodec<Tick> CODEC = JsonCodec.of(Tick.class);

  @TempDir Path dir;

  private FileSystem fs;
  private MasterLayout layout;
  private final List<String> deadLetters = new ArrayList<>();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void localFileSystem() throws IOException {
    fs = FileSystem.getLocal(new Configuration());
    layout = new MasterLayout(dir.toAbsolutePath().toString());
  }

  @Test
  void aSegmentLandsByDateWithItsManifestAndCommitsOffsetsAfter() throws IOException {
    MockConsumer<byte[], byte[]> consumer =
        consumerWith(
            record(0, Ticks.bar("ibm.us", "2017-11-09", 150.1, 150.28, 148.79, 150.07, 4679520)),
            record(1, Ticks.bar("ibm.us", "2017-11-10", 150.65, 150.89, 149.14, 149.16, 4306433)),
            new ConsumerRecord<>(
                Topics.TICKS,
                0,
                2,
                "x.us".getBytes(StandardCharsets.UTF_8),
                "{oops".getBytes(StandardCharsets.UTF_8)),
            record(3, Ticks.tick("ge.us", "2017-11-10", 20.1)));

    Archiver archiver = archiver(consumer);
    archiver.run(() -> archiver.consumed() >= 4);

    assertThat(readStream())
        .containsExactlyInAnyOrder(
            Ticks.bar("ibm.us", "2017-11-09", 150.1, 150.28, 148.79, 150.07, 4679520),
            Ticks.bar("ibm.us", "2017-11-10", 150.65, 150.89, 149.14, 149.16, 4306433),
            Ticks.tick("ge.us", "2017-11-10", 20.1));
    assertThat(deadLetters).singleElement().asString().startsWith("x.us:not JSON");
    assertThat(manifests())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.records()).isEqualTo(3);
              assertThat(m.deadLettered()).isEqualTo(1);
              assertThat(m.offsets())
                  .containsEntry("ticks-0", new SegmentManifest.OffsetRange(0, 3));
              assertThat(m.files())
                  .singleElement()
                  .satisfies(
                      f ->
                          assertThat(f.path())
                              .contains(
                                  "/date="
                                      + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                                      + "/part-"
                                      + m.segment()));
            });
    assertThat(consumer.committed(java.util.Set.of(P0)).get(P0).offset()).isEqualTo(4);
    assertThat(Files.exists(Path.of(layout.streamStagingRoot()))).isTrue();
    try (Stream<Path> staged = Files.list(Path.of(layout.streamStagingRoot()))) {
      assertThat(staged).isEmpty();
    }
  }

  @Test
  void aCrashBeforeTheManifestRollsBackAndResumesFromTheLastManifest() throws IOException {
    // Given a committed segment up to offset 9, and one that crashed after staging (no manifest)
    writeManifest("seg-1", List.of(), Map.of("ticks-0", new SegmentManifest.OffsetRange(0, 9)));
    Path orphan =
        Path.of(
            layout.streamStaging("seg-1-20171110T000000000Z-0a1b2c")
                + "/part-seg-1-20171110T000000000Z-0a1b2c.csv");
    Files.createDirectories(orphan.getParent());
    Files.writeString(
        orphan, "Date,Open,High,Low,Close,Volume,OpenInt,Stock\r\n2017-11-10,1,1,1,1,1,0,x.us\r\n");

    // When the archiver recovers
    Map<TopicPartition, Long> resume = archiver(consumerWith()).recover();

    // Then the uncommitted segment is gone and consumption resumes after the committed one
    assertThat(resume).containsExactly(Map.entry(P0, 10L));
    assertThat(Files.exists(orphan)).isFalse();
    assertThat(readStream()).isEmpty();
  }

  @Test
  void aCrashAfterTheManifestRollsForward() throws IOException {
    // Given a segment whose manifest was written but whose files were not moved into place
    Path staged = Path.of(layout.streamStaging("seg-3") + "/part-seg-3.csv");
    Files.createDirectories(staged.getParent());
    Files.writeString(
        staged,
        "Date,Open,High,Low,Close,Volume,OpenInt,Stock\r\n2017-11-10,1,1,1,1.5,1,0,x.us\r\n");
    writeManifest(
        "seg-3",
        List.of(
            new SegmentManifest.SegmentFile(
                layout.streamFile(java.time.LocalDate.parse("2017-11-10"), "seg-3"),
                staged.toString(),
                1)),
        Map.of("ticks-0", new SegmentManifest.OffsetRange(10, 10)));

    Map<TopicPartition, Long> resume = archiver(consumerWith()).recover();

    assertThat(resume).containsExactly(Map.entry(P0, 11L));
    assertThat(readStream()).containsExactly(Ticks.bar("x.us", "2017-11-10", 1, 1, 1, 1.5, 1));
  }

  @Test
  void segmentsHoldAtMostRollRecordsWhateverAPollReturns() throws IOException {
    MockConsumer<byte[], byte[]> consumer =
        consumerWith(
            record(0, Ticks.tick("a.us", "2001-01-02", 1)),
            record(1, Ticks.tick("a.us", "2001-01-03", 2)),
            record(2, Ticks.tick("a.us", "2001-01-04", 3)),
            record(3, Ticks.tick("a.us", "2001-01-05", 4)),
            record(4, Ticks.tick("a.us", "2001-01-08", 5)));
    rollRecords = 2;

    Archiver archiver = archiver(consumer);
    archiver.run(() -> archiver.consumed() >= 5);

    assertThat(manifests())
        .extracting(SegmentManifest::records)
        .containsExactlyInAnyOrder(2L, 2L, 1L);
    assertThat(readStream()).hasSize(5);
  }

  @Test
  void earlierDaysOfArrivalAreMarkedCompleteWhenALaterDayCommits() throws IOException {
    Path yesterday =
        Path.of(layout.streamDate(java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1)));
    Files.createDirectories(yesterday);
    MockConsumer<byte[], byte[]> consumer =
        consumerWith(record(0, Ticks.tick("a.us", "2001-01-02", 1)));

    Archiver archiver = archiver(consumer);
    archiver.run(() -> archiver.consumed() >= 1);

    assertThat(yesterday.resolve("_SUCCESS")).exists();
    assertThat(
            Path.of(layout.streamDate(java.time.LocalDate.now(java.time.ZoneOffset.UTC)))
                .resolve("_SUCCESS"))
        .doesNotExist();
  }

  @Test
  void recoveredOffsetsWinOverKafkasCommittedOnes() throws IOException {
    writeManifest("seg-1", List.of(), Map.of("ticks-0", new SegmentManifest.OffsetRange(0, 1)));
    MockConsumer<byte[], byte[]> consumer =
        consumerWith(
            record(0, Ticks.tick("a.us", "2001-01-02", 1)),
            record(1, Ticks.tick("a.us", "2001-01-03", 2)),
            record(2, Ticks.tick("a.us", "2001-01-04", 3)));

    Archiver archiver = archiver(consumer);
    archiver.run(() -> archiver.consumed() >= 1);

    assertThat(readStream()).containsExactly(Ticks.tick("a.us", "2001-01-04", 3));
  }

  @Test
  void recoveryNeverTouchesAnotherInstanceSSegmentInTheMaking() throws IOException {
    // issue 14, case 7: instance 1's start-up deleted instance 2's in-flight staging
    Path theirs = Path.of(layout.streamStaging("seg-2-20171110T000000000Z-0a1b2c") + "/part.csv");
    Files.createDirectories(theirs.getParent());
    Files.writeString(
        theirs, "Date,Open,High,Low,Close,Volume,OpenInt,Stock\r\n2017-11-10,1,1,1,1,1,0,x.us\r\n");
    Path mine = Path.of(layout.streamStaging("seg-1-20171110T000000000Z-0a1b2c") + "/part.csv");
    Files.createDirectories(mine.getParent());
    Files.writeString(mine, "x");

    archiver(consumerWith()).recover();

    assertThat(theirs).exists();
    assertThat(mine).doesNotExist();
  }

  @Test
  void aRebalanceResumesFromTheManifestsAsTheyAreThenNotAsTheyWereAtStartUp() throws IOException {
    // issue 14, case 7: after a mid-run rebalance the start-up offsets were applied again,
    // archiving twice
    rollRecords = 1;
    MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(P0));
          consumer.addRecord(record(0, Ticks.tick("a.us", "2001-01-02", 1)));
        });
    consumer.schedulePollTask(
        () -> {
          try {
            // meanwhile another instance held the partition and archived offsets 1 to 5
            writeManifest(
                "seg-2-20171110T000000000Z-0a1b2c",
                List.of(),
                Map.of("ticks-0", new SegmentManifest.OffsetRange(1, 5)));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          // the partition goes to the other instance and comes back, as an eager rebalance does
          consumer.rebalance(List.of());
          consumer.rebalance(List.of(P0));
          for (int offset = 1; offset <= 7; offset++) {
            if (offset >= consumer.position(P0)) {
              consumer.addRecord(
                  record(offset, Ticks.tick("a.us", "2001-01-" + (10 + offset), offset)));
            }
          }
        });

    Archiver archiver = archiver(consumer);
    archiver.run(() -> archiver.consumed() >= 3);

    assertThat(readStream()).extracting(Tick::close).containsExactlyInAnyOrder(1.0, 6.0, 7.0);
    assertThat(manifests())
        .filteredOn(m -> m.segment().startsWith("seg-1-"))
        .flatExtracting(m -> m.offsets().values())
        .containsExactlyInAnyOrder(
            new SegmentManifest.OffsetRange(0, 0),
            new SegmentManifest.OffsetRange(6, 6),
            new SegmentManifest.OffsetRange(7, 7));
  }

  private int rollRecords = 1000;

  private Archiver archiver(MockConsumer<byte[], byte[]> consumer) {
    ArchiveConfig config =
        new ArchiveConfig(
            "unused:9092",
            Topics.TICKS,
            "file:///",
            layout,
            "g",
            "1",
            rollRecords,
            Duration.ofSeconds(60),
            null,
            null);
    DeadLetterSink sink =
        new DeadLetterSink() {
          @Override
          public void send(ConsumerRecord<byte[], byte[]> poison, String reason) {
            deadLetters.add(new String(poison.key(), StandardCharsets.UTF_8) + ":" + reason);
          }

          @Override
          public void flush() {}
        };
    return new Archiver(
        config, fs, consumer, sink, new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @SafeVarargs
  private static MockConsumer<byte[], byte[]> consumerWith(
      ConsumerRecord<byte[], byte[]>... records) {
    MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(P0));
          for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.offset() >= consumer.position(P0)) {
              consumer.addRecord(r);
            }
          }
        });
    return consumer;
  }

  private static ConsumerRecord<byte[], byte[]> record(long offset, Tick tick) {
    return new ConsumerRecord<>(
        Topics.TICKS, 0, offset, tick.stock().getBytes(StandardCharsets.UTF_8), CODEC.encode(tick));
  }

  private void writeManifest(
      String segment,
      List<SegmentManifest.SegmentFile> files,
      Map<String, SegmentManifest.OffsetRange> offsets)
      throws IOException {
    Path manifest = Path.of(layout.streamManifest(segment));
    Files.createDirectories(manifest.getParent());
    long rows = files.stream().mapToLong(SegmentManifest.SegmentFile::rows).sum();
    Files.write(
        manifest,
        Archiver.MANIFEST.encode(
            new SegmentManifest(segment, Instant.now(), rows, 0, files, offsets)));
  }

  private List<SegmentManifest> manifests() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(layout.streamManifests()))) {
      return files
          .filter(
              p ->
                  p.getFileName().toString().endsWith(".json")
                      && !p.getFileName().toString().startsWith("."))
          .map(
              p -> {
                try {
                  return Archiver.MANIFEST.decode(Files.readAllBytes(p));
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList();
    }
  }

  private List<Tick> readStream() throws IOException {
    Path stream = Path.of(layout.stream());
    List<Tick> ticks = new ArrayList<>();
    if (!Files.exists(stream)) {
      return ticks;
    }
    try (Stream<Path> walk = Files.walk(stream)) {
      for (Path file :
          walk.filter(p -> p.toString().endsWith(".csv") && p.toString().contains("/date="))
              .toList()) {
        try (TickReader reader =
            TickCsv.read(TickSource.of(file), MalformedLinePolicy.FAIL, new ParseReport())) {
          reader.forEachRemaining(ticks::add);
        }
      }
    }
    return ticks;
  }
}
