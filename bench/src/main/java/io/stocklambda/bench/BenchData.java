package io.stocklambda.bench;

import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.SharedKaggleDirectory;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.merge.TickMerger;
import io.stocklambda.core.model.Algorithm;
import io.stocklambda.core.model.LogisticRegression;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.synth.SyntheticMarket;
import io.stocklambda.core.synth.SyntheticMarketConfig;
import io.stocklambda.core.tick.Tick;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the benchmarks run on: the shared Kaggle files (else a generated market) and a real-sized model. */
final class BenchData {

  private BenchData() {}

  /** The ticks of {@code input} (default the shared data, else a seeded market of 200 stocks x 10 years) in date order. */
  static List<Tick> ticks(String input, Integer limit) {
    Path data = input != null ? Paths.get(input) : SharedKaggleDirectory.locate().orElseGet(() -> {
      try {
        Path dir = Files.createTempDirectory("stocklambda-bench-market");
        new SyntheticMarket(new SyntheticMarketConfig(200, 2520, 42L, SyntheticMarketConfig.DEFAULT_START, 0, 0)).write(dir);
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    List<Tick> out = new ArrayList<>();
    try (TickMerger merger = TickMerger.open(TickCsv.discover(data), MalformedLinePolicy.FAIL, new ParseReport())) {
      while (merger.hasNext() && (limit == null || out.size() < limit)) {
        out.add(merger.next());
      }
    }
    return out;
  }

  /** A logistic regression on the returns features: scoring costs what a real one costs. */
  static ModelArtifact model() {
    List<Double> coefficients = List.of(-0.3649, -0.4289, 0.3797, 0.4455, 0.0108, -0.5302, 0.2389, -1.7645, -0.9671, -0.1569, 0.0555);
    return new ModelArtifact(ModelArtifact.FORMAT, ModelArtifact.DEFAULT_NAME, "bench", Algorithm.LOGISTIC_REGRESSION,
        FeatureSpecs.of("returns", 5).ref(), new LogisticRegression(0.1251, coefficients), null, 0.5, null, Map.of(), Instant.now());
  }
}
