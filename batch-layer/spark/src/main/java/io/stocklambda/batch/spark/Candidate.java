package io.stocklambda.batch.spark;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One candidate of the model search: a family fitted on the last {@code years} of the training
 * period (0: all of it). Its {@link #name()}, {@code lr@10y} or {@code gbt@all}, is how the
 * evaluation reports it.
 *
 * @param family {@link TestScores#LR} or {@link TestScores#GBT}
 * @param years years of history learned from, 0 for all
 */
record Candidate(String family, int years) {

  Candidate {
    if (!family.equals(TestScores.LR) && !family.equals(TestScores.GBT)) {
      throw new IllegalArgumentException("not a model family: " + family);
    }
    if (years < 0) {
      throw new IllegalArgumentException("years must not be negative, was " + years);
    }
  }

  String name() {
    return family + "@" + (years == 0 ? "all" : years + "y");
  }

  /** The other family of the search. */
  String otherFamily() {
    return family.equals(TestScores.GBT) ? TestScores.LR : TestScores.GBT;
  }

  /**
   * The candidate with the highest validation AUC; among equals, the first found.
   *
   * @throws IllegalArgumentException if there is none
   */
  static Candidate best(Map<Candidate, Double> validationAuc) {
    return validationAuc.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElseThrow(() -> new IllegalArgumentException("no candidate was validated"));
  }

  /**
   * The one-standard-error rule: among the candidates whose validation AUC is within one standard
   * error of the best's, the simpler family (logistic regression before trees), and within it the
   * highest AUC. Validation AUCs a few standard errors apart are a draw, and a draw should go to
   * the model with fewer ways to overfit.
   *
   * <p>Source: T. Hastie, R. Tibshirani, J. Friedman, The Elements of Statistical Learning, 2nd ed.
   * (2009), section 7.10 ("one-standard-error rule"), after L. Breiman et al., Classification and
   * Regression Trees (1984).
   *
   * @param standardError the best AUC's standard error on the validation slice
   * @throws IllegalArgumentException if there is no candidate
   */
  static Candidate chosen(Map<Candidate, Double> validationAuc, double standardError) {
    Candidate best = best(validationAuc);
    double floor = validationAuc.get(best) - standardError;
    for (String family : List.of(TestScores.LR, TestScores.GBT)) {
      java.util.Optional<Candidate> within =
          validationAuc.entrySet().stream()
              .filter(e -> e.getKey().family().equals(family) && e.getValue() >= floor)
              .max(Map.Entry.comparingByValue())
              .map(Map.Entry::getKey);
      if (within.isPresent()) {
        return within.get();
      }
    }
    return best;
  }

  /** The best candidate of one family. */
  static Candidate bestOf(String family, Map<Candidate, Double> validationAuc) {
    return validationAuc.entrySet().stream()
        .filter(e -> e.getKey().family().equals(family))
        .max(Comparator.comparing(Map.Entry<Candidate, Double>::getValue))
        .map(Map.Entry::getKey)
        .orElseThrow(
            () -> new IllegalArgumentException("no candidate of " + family + " was validated"));
  }
}
