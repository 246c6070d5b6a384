package io.stocklambda.batch.spark;

import static org.apache.spark.sql.functions.col;

import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.dataset.TrainingLine;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelScorer;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.window.LabeledWindow;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The batch view: every window of a training set (history up to its last day) scored by core's
 * scorer with one model, as Prediction JSON lines (layer {@code batch}, resolved where the next
 * close is known), with {@code _HORIZON} (the last date covered) and {@code _VIEW.json}.
 */
public final class BatchViewJob {

  /** What the view holds; written as {@code _VIEW.json}. */
  public record ViewInfo(String run, String trainingRun, String modelVersion, LocalDate horizon, long predictions, Instant createdAt) {}

  public record Config(String hdfs, MasterLayout layout, String trainingRun, String model, String run) {}

  static final JsonCodec<ViewInfo> VIEW_INFO = JsonCodec.of(ViewInfo.class);
  private static final StructType SCHEMA = new StructType()
      .add("date", DataTypes.DateType, false)
      .add("json", DataTypes.StringType, false);

  private final SparkSession spark;
  private final Config config;
  private final PrintStream out;

  public BatchViewJob(SparkSession spark, Config config, PrintStream out) {
    this.spark = spark;
    this.config = config;
    this.out = out;
  }

  public ViewInfo run() {
    long started = System.nanoTime();
    FileSystem fs = fileSystem();
    ModelArtifact artifact = new ModelStore(fs, config.layout()).load(config.model());
    String output = SparkSessions.qualify(config.hdfs(), config.layout().batchView(config.run()));
    Instant scoredAt = Instant.now();
    Dataset<Row> predictions = spark.read().textFile(SparkSessions.qualify(config.hdfs(), config.layout().training(config.trainingRun())))
        .mapPartitions(new Score(ModelStore.ARTIFACTS.encodeToString(artifact), scoredAt), ExpressionEncoder.apply(SCHEMA))
        .cache();
    long count = predictions.count();
    if (count == 0) {
      throw new IllegalArgumentException("training set " + config.trainingRun() + " has no window to score");
    }
    LocalDate horizon = predictions.agg(org.apache.spark.sql.functions.max("date")).first().getDate(0).toLocalDate();
    predictions.select(col("json")).write().text(output);
    ViewInfo info = new ViewInfo(config.run(), config.trainingRun(), artifact.version(), horizon, count, scoredAt);
    write(fs, output + "/_HORIZON", (horizon + "\n").getBytes(StandardCharsets.UTF_8));
    write(fs, output + "/_VIEW.json", VIEW_INFO.encode(info));
    predictions.unpersist();
    out.printf("batch view %s: %,d predictions by model %s up to %s in %.1f s (%,.0f predictions/s), at %s%n", config.run(), count,
        artifact.version(), horizon, (System.nanoTime() - started) / 1e9, count / ((System.nanoTime() - started) / 1e9),
        fs.makeQualified(new Path(output)));
    return info;
  }

  private FileSystem fileSystem() {
    try {
      return FileSystem.get(java.net.URI.create(SparkSessions.qualify(config.hdfs(), "/")), spark.sparkContext().hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + config.hdfs(), e);
    }
  }

  private static void write(FileSystem fs, String path, byte[] bytes) {
    try (OutputStream o = fs.create(new Path(path), true)) {
      o.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /** Scores training lines with core's scorer, one scorer per partition. */
  static final class Score implements MapPartitionsFunction<String, Row> {
    private static final long serialVersionUID = 1L;
    private static final JsonCodec<Prediction> PREDICTIONS = JsonCodec.of(Prediction.class);
    private final String artifact;
    private final Instant scoredAt;

    Score(String artifact, Instant scoredAt) {
      this.artifact = artifact;
      this.scoredAt = scoredAt;
    }

    @Override
    public Iterator<Row> call(Iterator<String> lines) {
      ModelScorer scorer = ModelScorer.of(ModelStore.ARTIFACTS.decode(artifact));
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return lines.hasNext();
        }

        @Override
        public Row next() {
          LabeledWindow w = TrainingLine.parse(lines.next());
          Prediction p = scorer.score(w.window(), Layer.BATCH, scoredAt);
          if (w.isLabeled()) {
            p = p.withActual(w.label().isUp());
          }
          return RowFactory.create(Date.valueOf(p.date()), PREDICTIONS.encodeToString(p));
        }
      };
    }
  }
}
