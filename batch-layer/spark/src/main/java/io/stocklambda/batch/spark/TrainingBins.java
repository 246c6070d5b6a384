package io.stocklambda.batch.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;

import io.stocklambda.core.feature.FeatureBins;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The training distribution of a fit's features ({@link FeatureBins}), for the population stability
 * of live windows: the {@code features} vectors of the fit's rows, collected to the driver and
 * binned by core.
 *
 * <p>At most {@link #MAX_ROWS} rows are collected (13 doubles each with the default spec, about 21
 * MB): beyond that a deterministic sample, each row kept when a hash of its (stock, date, seed)
 * falls below the needed fraction, so the same rows give the same bins in every run. Deciles of
 * 200,000 rows are within about 0.1 percentage point of the full set's shares, far below what a PSI
 * of 0.25 means.
 */
final class TrainingBins {

  /** Rows collected to the driver at most (in expectation). */
  static final long MAX_ROWS = 200_000;

  private static final int PER = 1_000_000;

  private TrainingBins() {}

  /**
   * @param rows the fit's rows, with {@code stock}, {@code date} and the {@code features} vector
   * @param count how many rows {@code rows} holds
   * @param names the feature names, in the vector's order
   */
  static FeatureBins of(Dataset<Row> rows, long count, List<String> names, long seed) {
    Dataset<Row> kept = rows;
    if (count > MAX_ROWS) {
      long keep = (long) Math.ceil((double) MAX_ROWS / count * PER);
      kept = rows.filter(pmod(hash(col("stock"), col("date"), lit(seed)), lit(PER)).lt(keep));
    }
    List<Row> collected = kept.select("features").collectAsList();
    double[][] vectors = new double[collected.size()][];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = ((Vector) collected.get(i).get(0)).toArray();
    }
    return FeatureBins.fit(names, vectors);
  }
}
