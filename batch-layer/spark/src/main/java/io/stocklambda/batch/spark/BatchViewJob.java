package io.stocklambda.batch.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.stocklambda.core.dataset.BackfillScope;
import io.stocklambda.core.dataset.BatchViewInfo;
import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.dataset.TrainingLine;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelScorer;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.serving.ServingKeys;
import io.stocklambda.core.window.LabeledWindow;
import io.stocklambda.core.window.UnscorableWindowException;
import io.stocklambda.hdfs.ModelRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch view: every window of a training set (history up to its last day) scored by core's
 * scorer with one model, as Prediction JSON lines (layer {@code batch}, resolved where the next
 * close is known), with {@code _HORIZON} (the last date covered) and {@code _VIEW.json}; and, for a
 * whole view, the same cells as HBase HFiles under {@code _hfiles/} for the serving layer's bulk
 * load. One pass in constant memory: the count and the horizon are observed while writing.
 */
public final class BatchViewJob {

  /**
   * @param scope null for the whole batch view (under {@code batch/views/}), or the range of a
   *     backfill (under {@code batch/backfills/})
   */
  public record Config(
      String hdfs,
      MasterLayout layout,
      String trainingRun,
      String model,
      String run,
      BackfillScope scope) {

    public Config(String hdfs, MasterLayout layout, String trainingRun, String model, String run) {
      this(hdfs, layout, trainingRun, model, run, null);
    }

    String output() {
      return scope == null ? layout.batchView(run) : layout.backfill(run);
    }
  }

  static final JsonCodec<BatchViewInfo> VIEW_INFO = JsonCodec.of(BatchViewInfo.class);

  /**
   * Training-set bytes per partition of a whole view, so per HFile: the 4 GB of the full Kaggle set
   * make about ten.
   */
  static final long HFILE_PARTITION_BYTES = 512L * 1024 * 1024;

  private static final StructType SCHEMA =
      new StructType()
          .add("date", DataTypes.DateType, false)
          .add("json", DataTypes.StringType, true)
          .add("refused", DataTypes.StringType, true);

  private final SparkSession spark;
  private final Config config;
  private final PrintStream out;

  public BatchViewJob(SparkSession spark, Config config, PrintStream out) {
    this.spark = spark;
    this.config = config;
    this.out = out;
  }

  public BatchViewInfo run() {
    long started = System.nanoTime();
    FileSystem fs = SparkSessions.fileSystem(spark, config.hdfs());
    ModelArtifact artifact = new ModelRegistry(fs, config.layout()).load(config.model());
    String output = SparkSessions.qualify(config.hdfs(), config.output());
    Instant scoredAt = Instant.now();
    // the view's HBase version: its cells are written with it, and served once the pointer names it
    long version = scoredAt.toEpochMilli();
    HFileSink.Spec hfiles =
        config.scope() == null
            ? new HFileSink.Spec(
                output + "/" + HFileSink.Spec.DIR,
                version,
                SparkSessions.qualify(config.hdfs(), "/"))
            : null;
    if (hfiles != null) {
      // a partition is an HFile: partitions of up to 512 MB keep a full view near ten files
      // (HBase's bulk load takes at most
      // a few dozen per region and family, and every one is a store file to read through until a
      // major compaction)
      spark.conf().set("spark.sql.files.maxPartitionBytes", Long.toString(HFILE_PARTITION_BYTES));
    }
    Dataset<String> windows =
        spark
            .read()
            .textFile(
                SparkSessions.qualify(
                    config.hdfs(), config.layout().training(config.trainingRun())));
    if (config.scope() != null) {
      windows = windows.filter(new InScope(config.scope()));
    }
    Observation observed = new Observation("batch view");
    Column scored = col("json").isNotNull();
    windows
        .mapPartitions(
            new Score(ModelRegistry.ARTIFACTS.encodeToString(artifact), scoredAt, hfiles),
            ExpressionEncoder.apply(SCHEMA))
        .observe(
            observed,
            count(col("json")).as("predictions"),
            max(when(scored, col("date"))).as("horizon"),
            count(col("refused")).as("refused"),
            min(col("refused")).as("example"))
        .filter(scored)
        .select(col("json"))
        .write()
        .text(output);
    Map<String, Object> figures;
    try {
      figures = observed.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the batch view was written", e);
    }
    long count = ((Number) figures.get("predictions")).longValue();
    long refused = ((Number) figures.get("refused")).longValue();
    if (refused > 0) {
      out.printf(
          "%,d window(s) refused, not scored (a feature or the probability is not finite), e.g. %s%n",
          refused, figures.get("example"));
    }
    if (count == 0) {
      delete(fs, output);
      throw new IllegalArgumentException(
          "training set "
              + config.trainingRun()
              + " has no window to score"
              + (config.scope() == null ? "" : " in " + config.scope().describe()));
    }
    LocalDate horizon = ((java.sql.Date) figures.get("horizon")).toLocalDate();
    BatchViewInfo info =
        new BatchViewInfo(
            config.run(),
            config.trainingRun(),
            artifact.version(),
            horizon,
            count,
            scoredAt,
            hfiles == null ? null : version,
            artifact.training() == null ? null : artifact.training().cutoff());
    write(
        fs,
        output + "/" + BatchViewInfo.HORIZON_FILE,
        (horizon + "\n").getBytes(StandardCharsets.UTF_8));
    write(fs, output + "/" + BatchViewInfo.FILE, VIEW_INFO.encode(info));
    double seconds = (System.nanoTime() - started) / 1e9;
    out.printf(
        (config.scope() == null ? "batch view" : "backfill")
            + " %s: %,d predictions by model %s up to %s in %.1f s (%,.0f predictions/s), at %s%s%n",
        config.run(),
        count,
        artifact.version(),
        horizon,
        seconds,
        count / seconds,
        fs.makeQualified(new Path(output)),
        hfiles == null
            ? ""
            : "; HFiles for HBase version " + version + " under " + HFileSink.Spec.DIR + "/");
    return info;
  }

  private static void delete(FileSystem fs, String dir) {
    try {
      fs.delete(new Path(dir), true);
    } catch (IOException e) {
      // the error being reported matters more
    }
  }

  private static void write(FileSystem fs, String path, byte[] bytes) {
    try (OutputStream o = fs.create(new Path(path), true)) {
      o.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /** Keeps the windows of a backfill's range and stocks. */
  static final class InScope implements FilterFunction<String> {
    private static final long serialVersionUID = 1L;
    private final BackfillScope scope;

    InScope(BackfillScope scope) {
      this.scope = scope;
    }

    @Override
    public boolean call(String line) {
      LabeledWindow w = TrainingLine.parse(line);
      return scope.contains(w.window().stock(), w.window().last().date());
    }
  }

  /**
   * Scores training lines with core's scorer, one scorer per partition; with an HFile spec, also
   * writes the partition's cells as HFiles, in the order the lines come (the training set's). A
   * window the scorer refuses (a feature or the probability not finite) becomes a row with the
   * reason instead of the JSON: counted, reported with an example, and left out of the view.
   */
  static final class Score implements MapPartitionsFunction<String, Row> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Score.class);
    private static final JsonCodec<Prediction> PREDICTIONS = JsonCodec.of(Prediction.class);
    private final String artifact;
    private final Instant scoredAt;
    private final HFileSink.Spec hfiles;

    Score(String artifact, Instant scoredAt, HFileSink.Spec hfiles) {
      this.artifact = artifact;
      this.scoredAt = scoredAt;
      this.hfiles = hfiles;
    }

    @Override
    public Iterator<Row> call(Iterator<String> lines) {
      ModelScorer scorer = ModelScorer.of(ModelRegistry.ARTIFACTS.decode(artifact));
      HFileSink sink = hfiles == null ? null : new HFileSink(hfiles, TaskContext.getPartitionId());
      return new Iterator<>() {
        private int refused;

        @Override
        public boolean hasNext() {
          boolean more = lines.hasNext();
          if (!more && sink != null) {
            sink.close();
          }
          return more;
        }

        @Override
        public Row next() {
          LabeledWindow w = TrainingLine.parse(lines.next());
          Prediction p;
          try {
            p = scorer.score(w.window(), Layer.BATCH, scoredAt);
          } catch (UnscorableWindowException e) {
            if (refused++ < 5) {
              LOG.warn("{} (not in the view)", e.getMessage());
            }
            return RowFactory.create(Date.valueOf(e.date()), null, e.getMessage());
          }
          if (w.isLabeled()) {
            p = p.withActual(w.label().isUp());
          }
          byte[] json = PREDICTIONS.encode(p);
          if (sink != null) {
            sink.add(ServingKeys.rowKey(p.stock(), p.date()), json);
          }
          return RowFactory.create(
              Date.valueOf(p.date()), new String(json, StandardCharsets.UTF_8), null);
        }
      };
    }
  }
}
