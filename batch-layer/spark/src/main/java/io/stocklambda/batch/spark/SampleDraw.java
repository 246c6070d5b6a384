package io.stocklambda.batch.spark;

import io.stocklambda.core.dataset.TrainingLine;
import io.stocklambda.core.feature.FeatureSpec;
import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.feature.ReturnsFeatures;
import io.stocklambda.core.feature.ThesisRawFeatures;
import io.stocklambda.core.window.LabeledWindow;
import io.stocklambda.core.window.UnscorableWindowException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the drawn windows and computes their features with core: the thesis replica's raw closes
 * and the models' spec ({@code features}, by name); the specs are built per partition.
 */
final class SampleDraw implements MapPartitionsFunction<String, Row> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SampleDraw.class);
  private final Periods p;
  private final TrainingSample.Fractions f;
  private final String thesisStock;
  private final String features;
  private final int windowSize;
  private final long seed;
  private final LongAccumulator refused;

  SampleDraw(
      Periods p,
      TrainingSample.Fractions f,
      String thesisStock,
      String features,
      int windowSize,
      long seed,
      LongAccumulator refused) {
    this.p = p;
    this.f = f;
    this.thesisStock = thesisStock;
    this.features = features;
    this.windowSize = windowSize;
    this.seed = seed;
    this.refused = refused;
  }

  @Override
  public Iterator<Row> call(Iterator<String> lines) {
    FeatureSpec raw = FeatureSpecs.of(ThesisRawFeatures.NAME, windowSize);
    FeatureSpec model = FeatureSpecs.of(features, windowSize);
    return NonBlankLines.map(lines, line -> keep(line, raw, model));
  }

  private Row keep(String line, FeatureSpec raw, FeatureSpec model) {
    TrainingLine.Head h = TrainingLine.head(line);
    if (h.label() == null) {
      return null;
    }
    LocalDate d = h.date();
    LocalDate l = h.labelDate();
    double u = TrainingSample.draw(h.stock(), d, seed);
    boolean train = p.train(l);
    boolean fitSet = p.fit(l) && u < f.fit();
    boolean validationSet = p.validation(d, l) && u < f.validation();
    boolean trainSet = train && u < f.train();
    boolean testSet = p.test(d) && u < f.test();
    boolean promotionSet = p.promotion(d) && u < f.test();
    boolean deployedSet = u < f.deployed();
    boolean thesisSet = train && h.stock().equals(thesisStock);
    if (!(fitSet
        || validationSet
        || trainSet
        || testSet
        || promotionSet
        || deployedSet
        || thesisSet)) {
      return null;
    }
    LabeledWindow w = TrainingLine.parse(line);
    if (w.window().size() != windowSize) {
      throw new IllegalArgumentException(
          "training set has windows of "
              + w.window().size()
              + " ticks, the job was asked for "
              + windowSize
              + " (see --window)");
    }
    double[] r;
    double[] thesis;
    try {
      r = model.features(w.window());
      thesis = testSet || thesisSet ? raw.features(w.window()) : null;
    } catch (UnscorableWindowException e) {
      refused.add(1);
      if (refused.value() <= 3) {
        LOG.warn("{} (left out of the sample)", e.getMessage());
      }
      return null;
    }
    return RowFactory.create(
        testSet || promotionSet ? line : null,
        h.stock(),
        Date.valueOf(d),
        d.getYear(),
        (double) w.label().value(),
        w.window().last().close(),
        ReturnsFeatures.lastLogReturn(w.window()),
        thesis == null ? null : Vectors.dense(thesis),
        Vectors.dense(r),
        fitSet,
        validationSet,
        trainSet,
        testSet,
        promotionSet,
        deployedSet,
        thesisSet);
  }
}
