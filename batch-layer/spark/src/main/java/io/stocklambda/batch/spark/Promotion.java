package io.stocklambda.batch.spark;

import io.stocklambda.core.eval.AucComparison;
import java.util.Locale;

/**
 * Whether a newly trained model replaces the serving one ({@code --promote}): {@link #AUTO} if none
 * serves, or if on the promotion slice (the most recent labeled windows, which neither model's
 * evaluated fit learned from and no choice was made on) the new evaluated fit's AUC is above the
 * serving model's by DeLong's paired test at the one-sided 5% level ({@link
 * AucComparison#Z_ONE_SIDED_5_PERCENT}); a serving model that cannot be compared there is kept.
 * {@link #ALWAYS}; {@link #NEVER}.
 *
 * <p>Why a test and not "higher": on a few thousand windows the AUC's standard error is near 0.007,
 * so a strictly higher AUC replaces the model about half the time when the two are equally good.
 */
enum Promotion {
  AUTO,
  ALWAYS,
  NEVER;

  /**
   * @throws IllegalArgumentException for anything but auto, always or never
   */
  static Promotion parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--promote must be auto, always or never, was '" + text + "'");
    }
  }

  /**
   * @param servingExists whether a model serves now
   * @param comparison the new evaluated fit (first) against the serving model (second) on the
   *     promotion slice, or null when they cannot be compared there
   */
  boolean promote(boolean servingExists, AucComparison comparison) {
    return switch (this) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO ->
          !servingExists
              || (comparison != null
                  && comparison.firstIsBetter(AucComparison.Z_ONE_SIDED_5_PERCENT));
    };
  }
}
