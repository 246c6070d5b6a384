package io.stocklambda.batch.spark;

import io.stocklambda.core.dataset.TrainingLine;
import io.stocklambda.core.model.ModelScorer;
import io.stocklambda.hdfs.ModelRegistry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * Per test row, everything the evaluation needs as doubles, in the order of {@link
 * TestScores.TestRow}: label, year, last close, last return, Spark's probabilities of every model,
 * core's probability of the exported evaluated fit, and Spark's of the selected family.
 */
final class CoreScores implements MapPartitionsFunction<Row, double[]> {
  private static final long serialVersionUID = 1L;

  private final String artifact;
  private final String selectedColumn;

  CoreScores(String artifact, String selectedColumn) {
    this.artifact = artifact;
    this.selectedColumn = selectedColumn;
  }

  @Override
  public Iterator<double[]> call(Iterator<Row> rows) {
    ModelScorer scorer = ModelScorer.of(ModelRegistry.ARTIFACTS.decode(artifact));
    List<double[]> out = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      io.stocklambda.core.window.Window window = TrainingLine.parse(r.getAs("line")).window();
      out.add(
          new double[] {
            r.<Double>getAs("label"),
            r.<Integer>getAs("year"),
            r.<Double>getAs("lastClose"),
            r.<Double>getAs("lastReturn"),
            r.<Vector>getAs("p_lr").apply(1),
            r.<Vector>getAs("p_gbt").apply(1),
            r.<Vector>getAs("p_thesis").apply(1),
            scorer.probabilityUp(window),
            r.<Vector>getAs(selectedColumn).apply(1)
          });
    }
    return out.iterator();
  }
}
