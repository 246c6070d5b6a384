package io.stocklambda.batch.mapreduce;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.csv.MalformedLimit;
import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.csv.TickCsvFormat;
import io.stocklambda.core.csv.TickReader;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.dataset.LandingManifest;
import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.dataset.TrainingLine;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.synth.SyntheticMarket;
import io.stocklambda.core.synth.SyntheticMarketConfig;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.core.window.WindowLabeler;
import io.stocklambda.embedded.stack.Endpoints;
import io.stocklambda.embedded.stack.Engine;
import io.stocklambda.embedded.stack.junit.EmbeddedStackTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training-set job, run by the local runner against the real embedded HDFS, checked window by
 * window against core.
 */
@EmbeddedStackTest(Engine.HDFS)
class TrainingSetJobIT {

  private static final JsonCodec<LandingManifest> MANIFEST = JsonCodec.of(LandingManifest.class);

  @TempDir Path dir;

  @Test
  void everyWindowOfTheMasterDatasetIsCoresWindowWithStreamCorrectionsWinning(Endpoints endpoints)
      throws Exception {
    // Given a landed synthetic market
    SyntheticMarket market =
        new SyntheticMarket(
            new SyntheticMarketConfig(30, 300, 8L, SyntheticMarketConfig.DEFAULT_START, 1, 1));
    Path files = market.write(dir.resolve("market")).dir();
    MasterLayout layout = new MasterLayout("/it-mr-" + UUID.randomUUID());
    Map<String, Map<LocalDate, Tick>> facts = new TreeMap<>();
    try (FileSystem fs =
        FileSystem.newInstance(
            java.net.URI.create(endpoints.hdfsUri()), new org.apache.hadoop.conf.Configuration())) {
      land(fs, layout, files, facts);

      // And a newer archived segment that corrects some days and adds others
      List<Tick> stream = new ArrayList<>();
      int corrected = 0;
      for (Map.Entry<String, Map<LocalDate, Tick>> stock : facts.entrySet()) {
        List<Tick> days = new ArrayList<>(stock.getValue().values());
        if (days.size() < 20) {
          continue;
        }
        Tick old = days.get(10);
        stream.add(
            new Tick(
                old.stock(),
                old.date(),
                old.open(),
                old.high(),
                old.low(),
                old.close() * 1.5,
                old.volume()));
        corrected++;
        Tick last = days.get(days.size() - 1);
        stream.add(
            new Tick(
                last.stock(),
                last.date().plusDays(3),
                last.close(),
                last.close(),
                last.close(),
                last.close() + 1,
                7));
      }
      stream.sort(Comparator.comparing(Tick::date).thenComparing(Tick::stock));
      org.apache.hadoop.fs.Path part =
          new org.apache.hadoop.fs.Path(layout.streamFile(LocalDate.of(2026, 11, 26), "seg-1"));
      write(fs, part, stream);
      fs.setTimes(part, System.currentTimeMillis() + 60_000, -1); // newer than every landed file
      stream.forEach(t -> facts.get(t.stock()).put(t.date(), t));

      // When the job runs
      TrainingSetResult result =
          new TrainingSetJob(
                  new TrainingSetConfig(
                      endpoints.hdfsUri(),
                      layout,
                      "r1",
                      5,
                      2,
                      "local",
                      dir.resolve("scratch").toString()),
                  System.out)
              .run();

      // Then its windows are exactly core's windows of the de-duplicated facts
      List<String> expected = new ArrayList<>();
      facts
          .values()
          .forEach(
              days ->
                  WindowLabeler.windows(days.values(), 5, true)
                      .forEach(w -> expected.add(TrainingLine.format(w))));
      List<String> actual = readOutput(fs, layout.training("r1"));
      assertThat(actual).hasSameSizeAs(expected);
      assertThat(sorted(actual)).isEqualTo(sorted(expected));
      assertThat(result.count(TrainingSetCounters.DUPLICATES)).isEqualTo(corrected);
      assertThat(result.count(TrainingSetCounters.MALFORMED_LINES)).isZero();
      assertThat(fs.exists(new org.apache.hadoop.fs.Path(layout.training("r1") + "/_SUCCESS")))
          .isTrue();
      // And beside it, the snapshot of the master dataset it read: the landed batch and the day
      try (java.io.InputStream in =
          fs.open(
              new org.apache.hadoop.fs.Path(layout.training("r1") + "/" + MasterLayout.SNAPSHOT))) {
        io.stocklambda.core.dataset.DatasetSnapshot snapshot =
            io.stocklambda.core.json.JsonCodec.of(io.stocklambda.core.dataset.DatasetSnapshot.class)
                .decode(in.readAllBytes());
        assertThat(snapshot.landedBatches()).hasSize(1);
        assertThat(snapshot.firstStreamDay()).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(snapshot.files()).isEqualTo(result.inputFiles());
      }
    }
  }

  @Test
  void theSharedFilesGiveCoresWindowsToo(Endpoints endpoints) throws Exception {
    Path kaggle = io.stocklambda.core.testing.SharedKaggleData.require();
    MasterLayout layout = new MasterLayout("/it-mr-" + UUID.randomUUID());
    Map<String, Map<LocalDate, Tick>> facts = new TreeMap<>();
    try (FileSystem fs =
        FileSystem.newInstance(
            java.net.URI.create(endpoints.hdfsUri()), new org.apache.hadoop.conf.Configuration())) {
      land(fs, layout, kaggle, facts);

      TrainingSetResult result =
          new TrainingSetJob(
                  new TrainingSetConfig(
                      endpoints.hdfsUri(),
                      layout,
                      "shared",
                      5,
                      2,
                      "local",
                      dir.resolve("scratch").toString()),
                  System.out)
              .run();

      long expected =
          facts.values().stream()
              .mapToLong(d -> WindowLabeler.windows(d.values(), 5, true).size())
              .sum();
      assertThat(result.count(TrainingSetCounters.TICKS))
          .isEqualTo(io.stocklambda.core.testing.SharedKaggleData.TOTAL_ROWS);
      assertThat(result.count(TrainingSetCounters.WINDOWS)).isEqualTo(expected);
      List<String> lines = new ArrayList<>();
      facts
          .values()
          .forEach(
              days ->
                  WindowLabeler.windows(days.values(), 5, true)
                      .forEach(w -> lines.add(TrainingLine.format(w))));
      assertThat(sorted(readOutput(fs, layout.training("shared")))).isEqualTo(sorted(lines));
    }
  }

  @Test
  void aJobThatReadsOnlyMalformedLinesFailsWithItsCountsAndFirstBadLinesAndLeavesNoSet(
      Endpoints endpoints) throws Exception {
    MasterLayout layout = new MasterLayout("/it-mr-" + UUID.randomUUID());
    try (FileSystem fs =
        FileSystem.newInstance(
            java.net.URI.create(endpoints.hdfsUri()), new org.apache.hadoop.conf.Configuration())) {
      landRaw(
          fs,
          layout,
          "junk.us.txt",
          "Date,Open,High,Low,Close,Volume,OpenInt\r\nnot,a,tick\r\n2017-01-03,1,1,1,oops,1,0\r\n");

      TrainingSetResult result =
          new TrainingSetJob(
                  new TrainingSetConfig(
                      endpoints.hdfsUri(),
                      layout,
                      "junk",
                      5,
                      0,
                      "local",
                      dir.resolve("scratch").toString()),
                  System.out)
              .run();

      assertThat(result.rejected()).isTrue();
      assertThat(result.rejection())
          .contains("it read no tick from 1 file(s): 2 malformed line(s)");
      assertThat(result.malformed())
          .hasSize(2)
          .allSatisfy(line -> assertThat(line).contains("junk.us.txt at byte"))
          .anySatisfy(line -> assertThat(line).contains("bad close 'oops'"));
      assertThat(fs.exists(new org.apache.hadoop.fs.Path(layout.training("junk"))))
          .as("the refused set is deleted")
          .isFalse();
    }
  }

  @Test
  void moreMalformedLinesThanTheLimitRefuseTheSetAndFewerAreSkipped(Endpoints endpoints)
      throws Exception {
    MasterLayout layout = new MasterLayout("/it-mr-" + UUID.randomUUID());
    StringBuilder file = new StringBuilder("Date,Open,High,Low,Close,Volume,OpenInt\n");
    for (int day = 1; day <= 20; day++) {
      file.append(String.format("2017-01-%02d,1,1,1,%d,1,0%n", day, day));
    }
    file.append("2017-01-21,1,1,-1,5,1,0\n");
    try (FileSystem fs =
        FileSystem.newInstance(
            java.net.URI.create(endpoints.hdfsUri()), new org.apache.hadoop.conf.Configuration())) {
      landRaw(fs, layout, "one.us.txt", file.toString());

      TrainingSetResult strict =
          new TrainingSetJob(
                  new TrainingSetConfig(
                      endpoints.hdfsUri(),
                      layout,
                      "strict",
                      5,
                      0,
                      "local",
                      dir.resolve("scratch").toString(),
                      MalformedLimit.parse("0.1%")),
                  System.out)
              .run();
      assertThat(strict.rejection())
          .contains("1 of its 21 data lines are malformed", "--max-malformed 0.1%");

      TrainingSetResult tolerant =
          new TrainingSetJob(
                  new TrainingSetConfig(
                      endpoints.hdfsUri(),
                      layout,
                      "tolerant",
                      5,
                      0,
                      "local",
                      dir.resolve("scratch").toString(),
                      MalformedLimit.parse("1")),
                  System.out)
              .run();
      assertThat(tolerant.rejected()).isFalse();
      assertThat(tolerant.count(TrainingSetCounters.WINDOWS)).isEqualTo(20 - 4);
      assertThat(tolerant.malformed())
          .singleElement()
          .satisfies(line -> assertThat(line).contains("low must be"));
    }
  }

  @Test
  void hadoopsGenericOptionsReachTheJobThroughToolRunner(Endpoints endpoints) throws Exception {
    SyntheticMarket market =
        new SyntheticMarket(
            new SyntheticMarketConfig(6, 60, 3L, SyntheticMarketConfig.DEFAULT_START, 0, 0));
    MasterLayout layout = new MasterLayout("/it-mr-" + UUID.randomUUID());
    try (FileSystem fs =
        FileSystem.newInstance(
            java.net.URI.create(endpoints.hdfsUri()), new org.apache.hadoop.conf.Configuration())) {
      land(fs, layout, market.write(dir.resolve("tool")).dir(), new TreeMap<>());

      int exit =
          org.apache.hadoop.util.ToolRunner.run(
              new org.apache.hadoop.conf.Configuration(),
              new MapReduceMain(),
              new String[] {
                "-D",
                "mapreduce.job.reduces=3",
                "--hdfs",
                endpoints.hdfsUri(),
                "--root",
                layout.root(),
                "--run",
                "d"
              });

      assertThat(exit).isZero();
      assertThat(
              fs.listStatus(
                  new org.apache.hadoop.fs.Path(layout.training("d")),
                  p -> p.getName().startsWith("part-r-")))
          .hasSize(3);
    }
  }

  /** Lands one file as received, malformed lines and all, in a committed batch of its own. */
  private static void landRaw(FileSystem fs, MasterLayout layout, String name, String content)
      throws IOException {
    String batch = "raw-" + name;
    try (OutputStream out =
        fs.create(new org.apache.hadoop.fs.Path(layout.landedBatch(batch) + "/" + name))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    try (OutputStream out =
        fs.create(new org.apache.hadoop.fs.Path(layout.landedManifest(batch)))) {
      out.write(
          MANIFEST.encode(
              new LandingManifest(
                  batch,
                  java.time.Instant.now(),
                  name,
                  List.of(new LandingManifest.LandedFile(name, name, "-", content.length(), 0, 0)),
                  List.of())));
    }
  }

  /** Copies the files into a committed landed batch and records their ticks. */
  private static void land(
      FileSystem fs, MasterLayout layout, Path input, Map<String, Map<LocalDate, Tick>> facts)
      throws IOException {
    List<LandingManifest.LandedFile> landed = new ArrayList<>();
    for (TickSource source : TickCsv.discover(input)) {
      long rows = 0;
      try (TickReader reader = TickCsv.read(source, MalformedLinePolicy.FAIL, new ParseReport())) {
        while (reader.hasNext()) {
          Tick t = reader.next();
          facts.computeIfAbsent(t.stock(), s -> new TreeMap<>()).put(t.date(), t);
          rows++;
        }
      }
      if (rows == 0) {
        continue;
      }
      String relative = input.relativize(source.path()).toString();
      fs.copyFromLocalFile(
          new org.apache.hadoop.fs.Path(source.path().toUri()),
          new org.apache.hadoop.fs.Path(layout.landedBatch("b1") + "/" + relative));
      landed.add(
          new LandingManifest.LandedFile(
              relative,
              source.path().getFileName().toString(),
              "-",
              Files.size(source.path()),
              rows,
              0));
    }
    try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(layout.landedManifest("b1")))) {
      out.write(
          MANIFEST.encode(
              new LandingManifest(
                  "b1", java.time.Instant.now(), input.toString(), landed, List.of())));
    }
  }

  private static void write(FileSystem fs, org.apache.hadoop.fs.Path path, List<Tick> ticks)
      throws IOException {
    StringBuilder csv = new StringBuilder(TickCsvFormat.MERGED_HEADER).append(TickCsvFormat.EOL);
    ticks.forEach(t -> TickCsvFormat.appendLine(csv, t, true));
    try (OutputStream out = fs.create(path)) {
      out.write(csv.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static List<String> readOutput(FileSystem fs, String dir) throws IOException {
    List<String> lines = new ArrayList<>();
    for (FileStatus part : fs.listStatus(new org.apache.hadoop.fs.Path(dir))) {
      if (!part.getPath().getName().startsWith("part-")) {
        continue;
      }
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(fs.open(part.getPath()), StandardCharsets.UTF_8))) {
        reader.lines().forEach(lines::add);
      }
    }
    return lines;
  }

  private static List<String> sorted(List<String> lines) {
    List<String> copy = new ArrayList<>(lines);
    copy.sort(null);
    return copy;
  }
}
