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

  /** Where a suite reads: {@code input} if given, else the shared data, else a seeded market of {@code stocks} x {@code days}. */
  static Path input(String input, int stocks, int days) {
    return input != null ? Paths.get(input) : SharedKaggleDirectory.locate().orElseGet(() -> generate(stocks, days));
  }

  /** The ticks of {@link #input} in date order, the first {@code limit} of them if given. */
  static List<Tick> ticks(String input, Integer limit, int stocks, int days) {
    Path data = input(input, stocks, days);
    List<Tick> out = new ArrayList<>();
    try (TickMerger merger = TickMerger.open(TickCsv.discover(data), MalformedLinePolicy.FAIL, new ParseReport())) {
      while (merger.hasNext() && (limit == null || out.size() < limit)) {
        out.add(merger.next());
      }
    }
    return out;
  }

  private static Path generate(int stocks, int days) {
    try {
      Path dir = Files.createTempDirectory("stocklambda-bench-market");
      new SyntheticMarket(new SyntheticMarketConfig(stocks, days, 42L, SyntheticMarketConfig.DEFAULT_START, 0, 0)).write(dir);
      System.out.printf("no shared data: generated %d stocks x %d days in %s%n", stocks, days, dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A logistic regression on the returns features: scoring costs what a real one costs. */
  static ModelArtifact model() {
    List<Double> coefficients = List.of(-0.3649, -0.4289, 0.3797, 0.4455, 0.0108, -0.5302, 0.2389, -1.7645, -0.9671, -0.1569, 0.0555);
    return new ModelArtifact(ModelArtifact.FORMAT, ModelArtifact.DEFAULT_NAME, "bench", Algorithm.LOGISTIC_REGRESSION,
        FeatureSpecs.of("returns", 5).ref(), new LogisticRegression(0.1251, coefficients), null, 0.5, null, Map.of(), Instant.now());
  }
}
