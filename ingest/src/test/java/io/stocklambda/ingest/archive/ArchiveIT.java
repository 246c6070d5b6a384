package io.stocklambda.ingest.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.dataset.Topics;
import io.stocklambda.core.synth.SyntheticMarket;
import io.stocklambda.core.synth.SyntheticMarketConfig;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.embedded.stack.Endpoints;
import io.stocklambda.embedded.stack.Engine;
import io.stocklambda.embedded.stack.junit.EmbeddedStackTest;
import io.stocklambda.hdfs.Hdfs;
import io.stocklambda.ingest.IngestMain;
import io.stocklambda.ingest.MasterDatasetReader;
import io.stocklambda.ingest.replay.KafkaTickSink;
import io.stocklambda.kafka.KafkaTopics;
import io.stocklambda.kafka.TopicSpec;
import io.stocklambda.testsupport.ChildJvm;
import io.stocklambda.testsupport.CommittedRecords;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The archiver, a real process, crashed in every window of its commit and killed at random, then
 * restarted: the archived set equals the produced set, with no tick lost and none twice.
 */
@EmbeddedStackTest({Engine.KAFKA, Engine.HDFS})
class ArchiveIT {

  /** Not a @TempDir: the archiver's logs stay in target/ for a failure to be read. */
  private final Path dir =
      Path.of(System.getProperty("java.io.tmpdir"), "archive-it-" + UUID.randomUUID());

  @Test
  void crashesAndKillsLoseNothingAndDuplicateNothing(Endpoints endpoints) throws Exception {
    // Given a topic of ticks with some poison among them
    String topic = "archive-it-" + UUID.randomUUID();
    KafkaTopics.ensure(endpoints.kafkaBootstrap(), TopicSpec.ticks(topic, 3));
    SyntheticMarket market =
        new SyntheticMarket(
            new SyntheticMarketConfig(30, 300, 21L, SyntheticMarketConfig.DEFAULT_START, 0, 0));
    List<Tick> produced = new ArrayList<>();
    market.profiles().forEach(p -> produced.addAll(market.series(p)));
    try (KafkaTickSink sink = new KafkaTickSink(endpoints.kafkaBootstrap(), topic, false)) {
      produced.forEach(sink::send);
      sink.flush();
    }
    List<String> poison =
        List.of("{oops", "{\"stock\":\"x.us\",\"price\":-1,\"date\":\"2005-01-03\"}", "");
    produceRaw(endpoints.kafkaBootstrap(), topic, poison);
    MasterLayout layout = new MasterLayout("/it-archive-" + UUID.randomUUID());
    String[] archive = {
      "ingest",
      "archive",
      "--bootstrap",
      endpoints.kafkaBootstrap(),
      "--topic",
      topic,
      "--hdfs",
      endpoints.hdfsUri(),
      "--root",
      layout.root(),
      "--group",
      "g-" + topic,
      "--roll-records",
      "700"
    };

    // When the archiver crashes after writing a manifest, then after staging, then is killed at
    // random
    assertThat(
            ChildJvm.run(
                IngestMain.class,
                dir.resolve("1.log"),
                180,
                with(archive, "--crash-after", "manifest")))
        .isEqualTo(99);
    assertThat(
            ChildJvm.run(
                IngestMain.class,
                dir.resolve("2.log"),
                180,
                with(archive, "--crash-after", "staged")))
        .isEqualTo(99);
    assertThat(
            ChildJvm.run(
                IngestMain.class,
                dir.resolve("3.log"),
                180,
                with(archive, "--crash-after", "promoted")))
        .isEqualTo(99);
    ChildJvm killed = ChildJvm.start(IngestMain.class, dir.resolve("4.log"), archive);
    Thread.sleep(4000 + new java.util.Random().nextInt(3000));
    killed.kill();
    // And is finally run until it has nothing more to read
    ChildJvm last =
        ChildJvm.start(IngestMain.class, dir.resolve("5.log"), with(archive, "--until-idle", "5"));
    assertThat(last.waitFor(300)).as(last.output()).isZero();

    // Then every produced tick is archived exactly once
    try (FileSystem fs = Hdfs.open(endpoints.hdfsUri())) {
      assertArchivedOnce(fs, layout, produced, "scratch");
      assertThat(fs.listStatus(new org.apache.hadoop.fs.Path(layout.streamStagingRoot())))
          .isEmpty();
    }
    assertThat(java.nio.file.Files.readString(dir.resolve("1.log")))
        .contains("halting after step 'manifest'");
    // the run after each crash repaired it: rolled the committed segment forward, the uncommitted
    // one back
    assertThat(java.nio.file.Files.readString(dir.resolve("2.log")))
        .contains("1 staged file(s) moved into place");
    assertThat(java.nio.file.Files.readString(dir.resolve("3.log")))
        .contains("1 uncommitted segment(s) discarded");

    // And the poison is in the dead-letter topic, with the reason (at least once)
    List<ConsumerRecord<byte[], byte[]>> dead =
        CommittedRecords.read(
            endpoints.kafkaBootstrap(), Topics.deadLetters(topic), 3, Duration.ofSeconds(30));
    Set<String> reasons = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> r : dead) {
      reasons.add(
          new String(r.headers().lastHeader(Topics.HEADER_ERROR).value(), StandardCharsets.UTF_8));
      assertThat(r.headers().lastHeader(Topics.HEADER_SOURCE_OFFSET)).isNotNull();
    }
    assertThat(reasons)
        .anySatisfy(r -> assertThat(r).startsWith("not JSON"))
        .anySatisfy(r -> assertThat(r).contains("close must be a finite price above zero"))
        .anySatisfy(r -> assertThat(r).isEqualTo("empty record"));
  }

  @Test
  void twoArchiversAndARebalanceBetweenThemArchiveEveryTickExactlyOnce(Endpoints endpoints)
      throws Exception {
    // issue 14, case 7: a rebalance re-applied the start-up offsets (archiving twice), and a second
    // instance's
    // start-up deleted the first one's in-flight staging
    String topic = "archive-two-" + UUID.randomUUID();
    KafkaTopics.ensure(endpoints.kafkaBootstrap(), TopicSpec.ticks(topic, 4));
    SyntheticMarket market =
        new SyntheticMarket(
            new SyntheticMarketConfig(40, 300, 22L, SyntheticMarketConfig.DEFAULT_START, 0, 0));
    List<Tick> produced = new ArrayList<>();
    market.profiles().forEach(p -> produced.addAll(market.series(p)));
    int half = produced.size() / 2;
    MasterLayout layout = new MasterLayout("/it-archive-two-" + UUID.randomUUID());
    String[] archive = {
      "ingest",
      "archive",
      "--bootstrap",
      endpoints.kafkaBootstrap(),
      "--topic",
      topic,
      "--hdfs",
      endpoints.hdfsUri(),
      "--root",
      layout.root(),
      "--group",
      "g-" + topic,
      "--roll-records",
      "300",
      "--until-idle",
      "15"
    };
    try (KafkaTickSink sink = new KafkaTickSink(endpoints.kafkaBootstrap(), topic, false)) {
      produced.subList(0, half).forEach(sink::send);
      sink.flush();

      // When a first archiver runs, a second joins (a rebalance), and more ticks arrive while both
      // run
      // (each step waits for the archivers to say so: a fixed sleep let a slow JVM start join after
      // the
      // first had archived everything, and the second instance then had nothing to take part in)
      ChildJvm one =
          ChildJvm.start(
              IngestMain.class, dir.resolve("one.log"), with(archive, "--instance", "1"));
      one.awaitOutput("segment seg-1-", 120);
      ChildJvm two =
          ChildJvm.start(
              IngestMain.class, dir.resolve("two.log"), with(archive, "--instance", "2"));
      two.awaitOutput("partitions assigned: [", 120);
      produced.subList(half, produced.size()).forEach(sink::send);
      sink.flush();
      assertThat(one.waitFor(300)).as(one.output()).isZero();
      assertThat(two.waitFor(300)).as(two.output()).isZero();
    }

    // Then every produced tick is archived once, and both instances took part
    try (FileSystem fs = Hdfs.open(endpoints.hdfsUri())) {
      assertArchivedOnce(fs, layout, produced, "scratch-two");
      assertThat(fs.listStatus(new org.apache.hadoop.fs.Path(layout.streamManifests())))
          .anySatisfy(m -> assertThat(m.getPath().getName()).startsWith("seg-1-"))
          .anySatisfy(m -> assertThat(m.getPath().getName()).startsWith("seg-2-"));
    }
  }

  /** The stream holds every produced tick once, and the manifests count as many. */
  private void assertArchivedOnce(
      FileSystem fs, MasterLayout layout, List<Tick> produced, String scratch) throws Exception {
    List<Tick> archived =
        MasterDatasetReader.ticks(
            fs,
            layout.stream(),
            p -> p.contains("/date="),
            dir.resolve(scratch),
            new ParseReport());
    Comparator<Tick> order = Comparator.comparing(Tick::stock).thenComparing(Tick::date);
    List<Tick> expected = new ArrayList<>(produced);
    expected.sort(order);
    archived.sort(order);
    assertThat(archived).hasSize(produced.size()).isEqualTo(expected);
    assertThat(manifestRecords(fs, layout)).isEqualTo(produced.size());
  }

  private static long manifestRecords(FileSystem fs, MasterLayout layout)
      throws java.io.IOException {
    long records = 0;
    for (FileStatus status :
        fs.listStatus(new org.apache.hadoop.fs.Path(layout.streamManifests()))) {
      if (status.getPath().getName().endsWith(".json")
          && !status.getPath().getName().startsWith(".")) {
        try (InputStream in = fs.open(status.getPath())) {
          records += Archiver.MANIFEST.decode(in.readAllBytes()).records();
        }
      }
    }
    return records;
  }

  private static void produceRaw(String bootstrap, String topic, List<String> values) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String value : values) {
        producer.send(
            new ProducerRecord<>(
                topic,
                "x.us".getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  private static String[] with(String[] base, String... more) {
    String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, out, base.length, more.length);
    return out;
  }
}
