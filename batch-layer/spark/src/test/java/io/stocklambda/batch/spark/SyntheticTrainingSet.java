package io.stocklambda.batch.spark;

import io.stocklambda.core.dataset.TrainingLine;
import io.stocklambda.core.synth.SyntheticMarket;
import io.stocklambda.core.synth.SyntheticMarketConfig;
import io.stocklambda.core.window.WindowLabeler;
import java.util.ArrayList;
import java.util.List;

/**
 * Training lines of a generated market, built with core exactly as the MapReduce job builds them.
 */
final class SyntheticTrainingSet {

  private SyntheticTrainingSet() {}

  static List<String> lines(int stocks, int days, long seed, int window) {
    SyntheticMarket market =
        new SyntheticMarket(
            new SyntheticMarketConfig(
                stocks, days, seed, SyntheticMarketConfig.DEFAULT_START, 0, 0));
    List<String> lines = new ArrayList<>();
    market
        .profiles()
        .forEach(
            p ->
                WindowLabeler.windows(market.series(p), window, true)
                    .forEach(w -> lines.add(TrainingLine.format(w))));
    return lines;
  }
}
