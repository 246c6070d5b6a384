package io.stocklambda.batch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.hdfs.ModelRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training, promotion and the batch view, end to end on a local file system with local Spark. */
class BatchJobsTest {

  private static SparkSession spark;

  @TempDir static Path dir;

  private static MasterLayout layout;
  private static List<String> lines;

  @BeforeAll
  static void setUp() throws IOException {
    spark = SparkSessions.create("batch-jobs", "local[2]");
    layout = new MasterLayout(dir.toAbsolutePath().toString());
    lines = SyntheticTrainingSet.lines(20, 1500, 9L, 5);
    Path training = Path.of(layout.training("r1"));
    Files.createDirectories(training);
    Files.write(training.resolve("part-00000"), lines);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void aTrainedModelIsEvaluatedPromotedOnceAndScoresEveryWindow() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    // Given a first model, with nothing serving yet
    Evaluation first = new ModelTrainingJob(spark, config("m1"), print).run();

    assertThat(first.promoted()).isTrue();
    assertThat(Files.readString(Path.of(layout.currentModel())).trim()).isEqualTo("m1");
    assertThat(first.rows())
        .extracting(Evaluation.MetricRow::model)
        .contains(
            "gbt", "lr", "thesis-replica", "momentum", "reversal", "always-up", "always-not-up");
    assertThat(first.overall("always-up").auc()).isEqualTo(0.5);
    assertThat(first.parityMaxDelta()).isLessThan(1e-9);
    assertThat(first.rows())
        .anySatisfy(r -> assertThat(r.slice()).startsWith("year 201"))
        .anySatisfy(r -> assertThat(r.slice()).startsWith("price "));
    ModelArtifact artifact =
        ModelRegistry.ARTIFACTS.decode(
            Files.readAllBytes(Path.of(layout.model("m1") + "/model.json")));
    assertThat(artifact.problems()).isEmpty();
    assertThat(artifact.metrics())
        .containsKeys("test.auc", "baseline.thesis-replica.test.auc", "baseline.reversal.test.auc");
    // what serves is the deployed refit, on every labeled window; the evaluated fit stops before
    // the cutoff
    ModelArtifact evaluated =
        ModelRegistry.ARTIFACTS.decode(
            Files.readAllBytes(Path.of(layout.model("m1") + "/evaluated.json")));
    assertThat(evaluated.training().cutoff()).isEqualTo(LocalDate.of(2010, 1, 1));
    assertThat(evaluated.training().to()).isBefore(LocalDate.of(2010, 1, 1));
    assertThat(artifact.training().to()).isAfterOrEqualTo(first.promotionStart());
    assertThat(artifact.training().cutoff()).isEqualTo(first.deployed().labelsBefore());
    assertThat(artifact.training().rows()).isGreaterThan(evaluated.training().rows());
    assertThat(first.deployed().parityMaxDelta()).isLessThan(1e-9);
    // the deployed fit carries its features' training bins, for the live population stability
    assertThat(artifact.featureBins()).isNotNull();
    assertThat(artifact.featureBins().features()).isEqualTo(artifact.featureSpec().features());
    for (int f = 0; f < artifact.featureSpec().features().size(); f++) {
      assertThat(artifact.featureBins().bins(f)).isBetween(2, 10);
      assertThat(java.util.Arrays.stream(artifact.featureBins().shares(f)).sum())
          .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    }
    assertThat(first.promotion().serving()).isNull();
    assertThat(first.promotion().windows()).isPositive();
    assertThat(first.promotionStart()).isAfter(first.cutoff());
    // with its lineage, and the promotion in the registry's history
    ModelRegistry registry =
        new ModelRegistry(
            org.apache.hadoop.fs.FileSystem.getLocal(new org.apache.hadoop.conf.Configuration()),
            layout);
    io.stocklambda.core.model.ModelLineage lineage = registry.lineage("m1").orElseThrow();
    assertThat(lineage.trainingRun()).isEqualTo("r1");
    assertThat(lineage.parameters()).containsEntry("cutoff", "2010-01-01");
    assertThat(lineage.codeVersion()).isEqualTo(io.stocklambda.core.model.BuildInfo.codeVersion());
    assertThat(registry.history().events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.version()).isEqualTo("m1");
              assertThat(e.reason()).isEqualTo("batch train: no model served");
            });
    assertThat(Files.readString(Path.of(layout.model("m1") + "/report.html")))
        .contains("<svg", "ROC", "Calibration", "thesis-replica");
    assertThat(Path.of(layout.model("m1") + "/spark")).isDirectory();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("this model is now CURRENT", "<- selected", "promotion slice", "deployed fit");

    // When the same data trains a second model: it is no better, so it does not replace the first
    Evaluation second = new ModelTrainingJob(spark, config("m2"), print).run();
    // (the same evaluated fit: DeLong's test finds no difference on the promotion slice)
    assertThat(second.serving()).isEqualTo("m1");
    assertThat(second.promotion().servingAuc()).isEqualTo(first.promotion().auc());
    assertThat(second.promotion().comparison().difference()).isZero();
    assertThat(second.promotion().comparison().z()).isZero();
    assertThat(second.promoted()).isFalse();
    assertThat(Files.readString(Path.of(layout.currentModel())).trim()).isEqualTo("m1");

    // Then the batch view scores every window with the current model, up to its horizon
    io.stocklambda.core.dataset.BatchViewInfo view =
        new BatchViewJob(
                spark, new BatchViewJob.Config("file:///", layout, "r1", "current", "v1"), print)
            .run();
    List<Prediction> predictions = readView("v1");
    assertThat(view.predictions()).isEqualTo(lines.size());
    assertThat(predictions)
        .hasSize(lines.size())
        .allSatisfy(
            p -> {
              assertThat(p.layer()).isEqualTo(Layer.BATCH);
              assertThat(p.modelVersion()).isEqualTo("m1");
            });
    LocalDate last =
        predictions.stream().map(Prediction::date).max(LocalDate::compareTo).orElseThrow();
    assertThat(view.horizon()).isEqualTo(last);
    assertThat(Files.readString(Path.of(layout.batchView("v1") + "/_HORIZON")).trim())
        .isEqualTo(last.toString());
    assertThat(predictions.stream().filter(p -> !p.isResolved()).count())
        .isEqualTo(20); // one open window per stock

    // And its HFiles hold the same cells, at the view's version, for the serving layer's bulk load
    assertThat(view.hbaseVersion()).isEqualTo(view.createdAt().toEpochMilli());
    Map<String, String> cells =
        readHFiles(Path.of(layout.batchView("v1") + "/_hfiles/b"), view.hbaseVersion());
    assertThat(cells).hasSize(lines.size());
    for (Prediction p : predictions) {
      assertThat(
              JsonCodec.of(Prediction.class)
                  .decode(
                      cells
                          .get(io.stocklambda.core.serving.ServingKeys.rowKey(p.stock(), p.date()))
                          .getBytes(StandardCharsets.UTF_8)))
          .isEqualTo(p);
    }

    // A backfill scores only its range and stocks, with the same scorer, beside the views
    String stock = predictions.get(0).stock();
    LocalDate from = last.minusDays(90);
    io.stocklambda.core.dataset.BackfillScope scope =
        io.stocklambda.core.dataset.BackfillScope.parse(from.toString(), last.toString(), stock);
    io.stocklambda.core.dataset.BatchViewInfo backfill =
        new BatchViewJob(
                spark,
                new BatchViewJob.Config("file:///", layout, "r1", "current", "b1", scope),
                print)
            .run();
    List<Prediction> backfilled = read(layout.backfill("b1"));
    List<Prediction> expected =
        predictions.stream().filter(p -> scope.contains(p.stock(), p.date())).toList();
    assertThat(expected).isNotEmpty();
    assertThat(backfill.predictions()).isEqualTo(expected.size());
    assertThat(backfilled)
        .extracting(
            Prediction::stock, Prediction::date, Prediction::probabilityUp, Prediction::actualUp)
        .containsExactlyInAnyOrderElementsOf(
            expected.stream()
                .map(
                    p ->
                        org.assertj.core.groups.Tuple.tuple(
                            p.stock(), p.date(), p.probabilityUp(), p.actualUp()))
                .toList());
  }

  @Test
  void aLargeTrainingSetIsLearnedFromAndJudgedOnSeededSamplesOfAboutItsCaps() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TrainingConfig capped =
        new TrainingConfig(
            "file:///",
            layout,
            "r1",
            5,
            LocalDate.of(2010, 1, 1),
            3,
            2,
            java.util.List.of(0),
            "s1",
            5,
            2,
            42L,
            "never",
            4_000,
            2_000,
            "returns");

    Evaluation e =
        new ModelTrainingJob(spark, capped, new PrintStream(out, true, StandardCharsets.UTF_8))
            .run();

    // the census counts every labeled window of each period, from the lines themselves: a window
    // trains only if its label row precedes the cutoff
    LocalDate cutoff = LocalDate.of(2010, 1, 1);
    long train =
        lines.stream()
            .map(io.stocklambda.core.dataset.TrainingLine::head)
            .filter(h -> h.label() != null && h.labelDate().isBefore(cutoff))
            .count();
    long byWindowDate =
        lines.stream()
            .map(io.stocklambda.core.dataset.TrainingLine::head)
            .filter(h -> h.label() != null && h.date().isBefore(cutoff))
            .count();
    long test =
        lines.stream()
            .map(io.stocklambda.core.dataset.TrainingLine::head)
            .filter(h -> h.label() != null && !h.date().isBefore(LocalDate.of(2010, 1, 1)))
            .count();
    assertThat(e.size().windows()).isEqualTo(lines.size());
    assertThat(e.size().labeled()).isEqualTo(lines.size() - 20);
    assertThat(e.size().train()).isEqualTo(train).isGreaterThan(4_000);
    assertThat(byWindowDate - train)
        .as("the last window before the cutoff of each stock that spans it is labeled after it")
        .isBetween(1L, 20L);
    assertThat(e.size().afterCutoff()).isEqualTo(test).isGreaterThan(2_000);
    // each sample is a seeded Bernoulli draw of its cap's share: about the cap, never the whole
    // period; the test period and the promotion slice share one
    assertThat(e.trainRows()).isBetween(3_400L, 4_600L);
    assertThat(e.testRows() + e.promotion().windows()).isBetween(1_700L, 2_300L);
    assertThat(e.promotion().windows()).isPositive();
    assertThat(e.overall(e.selected()).n()).isEqualTo(e.testRows());
    assertThat(e.seconds()).containsKeys("census", "sample and features", "test scoring");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("seeded samples", "time by step");
    // the work directory of the sample is gone
    assertThat(Path.of(layout.model("s1") + "/_work")).doesNotExist();
    // --features returns: the models learned from the earlier spec, and say so
    assertThat(
            io.stocklambda.core.json.JsonCodec.of(io.stocklambda.core.model.ModelArtifact.class)
                .decode(
                    java.nio.file.Files.readAllBytes(Path.of(layout.model("s1") + "/model.json")))
                .featureSpec()
                .name())
        .isEqualTo("returns");
  }

  @Test
  void aWindowsDrawIsTheSameInEveryRunAndUniform() {
    double sum = 0;
    for (int i = 0; i < 10_000; i++) {
      double u =
          TrainingSample.draw("s" + (i % 97) + ".us", LocalDate.of(2000, 1, 1).plusDays(i), 42L);
      assertThat(u)
          .isEqualTo(
              TrainingSample.draw(
                  "s" + (i % 97) + ".us", LocalDate.of(2000, 1, 1).plusDays(i), 42L))
          .isBetween(0.0, 1.0);
      sum += u;
    }
    assertThat(sum / 10_000).isBetween(0.48, 0.52);
  }

  /**
   * Every cell of the HFiles under {@code dir}: row key to value, checking each file's order and
   * the cells' version.
   */
  private static Map<String, String> readHFiles(Path dir, long version) throws IOException {
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
    org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.getLocal(conf);
    Map<String, String> cells = new java.util.HashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
        try (org.apache.hadoop.hbase.io.hfile.HFile.Reader reader =
            org.apache.hadoop.hbase.io.hfile.HFile.createReader(
                fs,
                new org.apache.hadoop.fs.Path(file.toUri()),
                new org.apache.hadoop.hbase.io.hfile.CacheConfig(conf),
                true,
                conf)) {
          org.apache.hadoop.hbase.io.hfile.HFileScanner scanner =
              reader.getScanner(conf, false, false);
          String previous = null;
          for (boolean more = scanner.seekTo(); more; more = scanner.next()) {
            org.apache.hadoop.hbase.Cell cell = scanner.getCell();
            String row =
                org.apache.hadoop.hbase.util.Bytes.toString(
                    org.apache.hadoop.hbase.CellUtil.cloneRow(cell));
            assertThat(cell.getTimestamp()).isEqualTo(version);
            if (previous != null) {
              assertThat(row).isGreaterThan(previous);
            }
            previous = row;
            cells.put(
                row,
                org.apache.hadoop.hbase.util.Bytes.toString(
                    org.apache.hadoop.hbase.CellUtil.cloneValue(cell)));
          }
        }
      }
    }
    return cells;
  }

  private static TrainingConfig config(String version) {
    return new TrainingConfig(
        "file:///",
        layout,
        "r1",
        5,
        LocalDate.of(2010, 1, 1),
        3,
        2,
        java.util.List.of(2, 0),
        version,
        10,
        3,
        42L,
        "auto");
  }

  private static List<Prediction> readView(String run) throws IOException {
    return read(layout.batchView(run));
  }

  private static List<Prediction> read(String dir) throws IOException {
    JsonCodec<Prediction> codec = JsonCodec.of(Prediction.class);
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("part-"))
          .flatMap(
              p -> {
                try {
                  return Files.readAllLines(p).stream();
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .map(codec::decode)
          .toList();
    }
  }
}
