package io.stocklambda.core.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stocklambda.core.csv.SharedKaggleDirectory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real Kaggle files kept beside the project ({@link SharedKaggleDirectory}) and their known
 * counts; tests that need them skip with a clear message where they are absent.
 */
public final class SharedKaggleData {

  /**
   * Data rows of the shared files (header lines excluded), as counted by {@code
   * ../shared/data/README.md}.
   */
  public static final long STOCK_ROWS = 535_587 - 99;

  public static final long ETF_ROWS = 11_106 - 3;
  public static final long TOTAL_ROWS = STOCK_ROWS + ETF_ROWS;
  public static final int STOCK_FILES = 101;
  public static final int ETF_FILES = 3;

  private SharedKaggleData() {}

  /** The shared Kaggle directory, or skips the calling test with the reason. */
  public static Path require() {
    Optional<Path> dir = SharedKaggleDirectory.locate();
    assumeTrue(
        dir.isPresent(),
        "skipped: the real Kaggle files (../shared/data/kaggle) are not beside this checkout; set STOCKLAMBDA_KAGGLE_DIR to run it");
    return dir.get();
  }
}
