package io.stocklambda.core.csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Where the real Kaggle files are kept beside a checkout ({@code ../shared/data/kaggle} in the
 * workplace layout), for benchmarks and tests that use real data when it is there and say so when
 * it is not. {@code STOCKLAMBDA_KAGGLE_DIR} (or {@code -Dstocklambda.kaggle.dir}) points elsewhere.
 */
public final class SharedKaggleDirectory {

  private SharedKaggleDirectory() {}

  public static Optional<Path> locate() {
    String configured =
        System.getProperty("stocklambda.kaggle.dir", System.getenv("STOCKLAMBDA_KAGGLE_DIR"));
    if (configured != null && !configured.isBlank()) {
      Path path = Paths.get(configured);
      return Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data").resolve("kaggle");
      if (Files.isDirectory(candidate.resolve("Stocks"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
