package io.stocklambda.batch.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training, promotion and the batch view, end to end on a local file system with local Spark. */
class BatchJobsTest {

  private static SparkSession spark;

  @TempDir
  static Path dir;

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
    assertThat(first.rows()).extracting(Evaluation.MetricRow::model).contains("gbt-returns", "lr-returns", "thesis-replica",
        "momentum", "reversal", "always-up", "always-not-up");
    assertThat(first.overall("always-up").auc()).isEqualTo(0.5);
    assertThat(first.parityMaxDelta()).isLessThan(1e-9);
    assertThat(first.rows()).anySatisfy(r -> assertThat(r.slice()).startsWith("year 201"))
        .anySatisfy(r -> assertThat(r.slice()).startsWith("price "));
    ModelArtifact artifact = ModelStore.ARTIFACTS.decode(Files.readAllBytes(Path.of(layout.model("m1") + "/model.json")));
    assertThat(artifact.problems()).isEmpty();
    assertThat(artifact.metrics()).containsKeys("test.auc", "baseline.thesis-replica.test.auc", "baseline.reversal.test.auc");
    assertThat(artifact.training().to()).isBefore(LocalDate.of(2010, 1, 1).minusDays(7));
    assertThat(Files.readString(Path.of(layout.model("m1") + "/report.html"))).contains("<svg", "ROC", "Calibration", "thesis-replica");
    assertThat(Path.of(layout.model("m1") + "/spark")).isDirectory();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("this model is now CURRENT", "<- selected");

    // When the same data trains a second model: it is no better, so it does not replace the first
    Evaluation second = new ModelTrainingJob(spark, config("m2"), print).run();
    assertThat(second.serving()).isEqualTo("m1");
    assertThat(second.servingTestAuc()).isEqualTo(first.overall(first.selected()).auc());
    assertThat(second.promoted()).isFalse();
    assertThat(Files.readString(Path.of(layout.currentModel())).trim()).isEqualTo("m1");

    // Then the batch view scores every window with the current model, up to its horizon
    io.stocklambda.core.dataset.BatchViewInfo view = new BatchViewJob(spark, new BatchViewJob.Config("file:///", layout, "r1", "current", "v1"), print).run();
    List<Prediction> predictions = readView("v1");
    assertThat(view.predictions()).isEqualTo(lines.size());
    assertThat(predictions).hasSize(lines.size()).allSatisfy(p -> {
      assertThat(p.layer()).isEqualTo(Layer.BATCH);
      assertThat(p.modelVersion()).isEqualTo("m1");
    });
    LocalDate last = predictions.stream().map(Prediction::date).max(LocalDate::compareTo).orElseThrow();
    assertThat(view.horizon()).isEqualTo(last);
    assertThat(Files.readString(Path.of(layout.batchView("v1") + "/_HORIZON")).trim()).isEqualTo(last.toString());
    assertThat(predictions.stream().filter(p -> !p.isResolved()).count()).isEqualTo(20); // one open window per stock

    // A backfill scores only its range and stocks, with the same scorer, beside the views
    String stock = predictions.get(0).stock();
    LocalDate from = last.minusDays(90);
    io.stocklambda.core.dataset.BackfillScope scope = io.stocklambda.core.dataset.BackfillScope.parse(from.toString(), last.toString(), stock);
    io.stocklambda.core.dataset.BatchViewInfo backfill =
        new BatchViewJob(spark, new BatchViewJob.Config("file:///", layout, "r1", "current", "b1", scope), print).run();
    List<Prediction> backfilled = read(layout.backfill("b1"));
    List<Prediction> expected = predictions.stream().filter(p -> scope.contains(p.stock(), p.date())).toList();
    assertThat(expected).isNotEmpty();
    assertThat(backfill.predictions()).isEqualTo(expected.size());
    assertThat(backfilled).extracting(Prediction::stock, Prediction::date, Prediction::probabilityUp, Prediction::actualUp)
        .containsExactlyInAnyOrderElementsOf(expected.stream()
            .map(p -> org.assertj.core.groups.Tuple.tuple(p.stock(), p.date(), p.probabilityUp(), p.actualUp())).toList());
  }

  private static ModelTrainingJob.Config config(String version) {
    return new ModelTrainingJob.Config("file:///", layout, "r1", 5, LocalDate.of(2010, 1, 1), 7, 2, java.util.List.of(2, 0), version, 10, 3, 42L, "auto");
  }

  private static List<Prediction> readView(String run) throws IOException {
    return read(layout.batchView(run));
  }

  private static List<Prediction> read(String dir) throws IOException {
    JsonCodec<Prediction> codec = JsonCodec.of(Prediction.class);
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      return files.filter(p -> p.getFileName().toString().startsWith("part-")).flatMap(p -> {
        try {
          return Files.readAllLines(p).stream();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(codec::decode).toList();
    }
  }
}
