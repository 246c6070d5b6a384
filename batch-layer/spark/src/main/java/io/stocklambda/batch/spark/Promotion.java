package io.stocklambda.batch.spark;

import java.util.Locale;

/**
 * Whether a newly trained model replaces the serving one ({@code --promote}): {@link #AUTO} if none
 * serves, or if the new model's test AUC is above the serving model's on the same test rows
 * (strictly; a serving model for another window size cannot be compared and is kept); {@link
 * #ALWAYS}; {@link #NEVER}.
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
   * @param servingAuc its AUC on the same test rows, or null when it cannot be compared
   * @param newAuc the new model's test AUC
   */
  boolean promote(boolean servingExists, Double servingAuc, double newAuc) {
    return switch (this) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> !servingExists || (servingAuc != null && newAuc > servingAuc);
    };
  }
}
