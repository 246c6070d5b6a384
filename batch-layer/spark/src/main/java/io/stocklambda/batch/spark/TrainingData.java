package io.stocklambda.batch.spark;

import io.stocklambda.core.dataset.TrainingLine;
import io.stocklambda.core.feature.FeatureSpec;
import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.feature.ReturnsFeatures;
import io.stocklambda.core.feature.ThesisRawFeatures;
import io.stocklambda.core.window.LabeledWindow;
import java.sql.Date;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The training set as Spark rows, every value computed by core: windows parsed with {@link
 * TrainingLine}, features by the {@link FeatureSpec}s, so that Spark trains on exactly what the
 * speed layer will score.
 *
 * <p>Columns: {@code line} (the training line, for scoring with core later), {@code stock}, {@code
 * date} (the window's last date), {@code year}, {@code label} (1.0, 0.0, or null for a stock's last
 * window), {@code lastClose}, {@code lastReturn} (log return into the last close), {@code raw}
 * (thesis-raw features), {@code features} (the model's spec, {@code FeatureSpecs.MODEL}).
 */
public final class TrainingData {

  public static final StructType SCHEMA =
      new StructType()
          .add("line", DataTypes.StringType, false)
          .add("stock", DataTypes.StringType, false)
          .add("date", DataTypes.DateType, false)
          .add("year", DataTypes.IntegerType, false)
          .add("label", DataTypes.DoubleType, true)
          .add("lastClose", DataTypes.DoubleType, false)
          .add("lastReturn", DataTypes.DoubleType, false)
          .add("raw", SQLDataTypes.VectorType(), false)
          .add("features", SQLDataTypes.VectorType(), false);

  private TrainingData() {}

  /**
   * Every window of the training set at {@code path}, labeled or not, with features of window size
   * {@code windowSize}.
   */
  public static Dataset<Row> load(
      SparkSession spark, String path, String features, int windowSize) {
    return rows(spark.read().textFile(path), features, windowSize);
  }

  /** Rows of training lines, wherever they come from, with {@code features} by that spec. */
  public static Dataset<Row> rows(Dataset<String> lines, String features, int windowSize) {
    return lines.mapPartitions(new Rows(features, windowSize), ExpressionEncoder.apply(SCHEMA));
  }

  /**
   * Parses lines into rows; the feature specs are built once per partition (they are not
   * serializable).
   */
  static final class Rows implements MapPartitionsFunction<String, Row> {
    private static final long serialVersionUID = 1L;
    private final String features;
    private final int windowSize;

    Rows(String features, int windowSize) {
      this.features = features;
      this.windowSize = windowSize;
    }

    @Override
    public Iterator<Row> call(Iterator<String> lines) {
      FeatureSpec raw = FeatureSpecs.of(ThesisRawFeatures.NAME, windowSize);
      FeatureSpec model = FeatureSpecs.of(features, windowSize);
      return NonBlankLines.map(lines, line -> row(line, raw, model));
    }

    private Row row(String line, FeatureSpec raw, FeatureSpec model) {
      LabeledWindow w = TrainingLine.parse(line);
      if (w.window().size() != windowSize) {
        throw new IllegalArgumentException(
            "training set has windows of "
                + w.window().size()
                + " ticks, the job was asked for "
                + windowSize
                + " (see --window)");
      }
      double[] r = model.features(w.window());
      return RowFactory.create(
          line,
          w.window().stock(),
          Date.valueOf(w.window().last().date()),
          w.window().last().date().getYear(),
          w.isLabeled() ? (double) w.label().value() : null,
          w.window().last().close(),
          ReturnsFeatures.lastLogReturn(w.window()),
          Vectors.dense(raw.features(w.window())),
          Vectors.dense(r));
    }
  }
}
