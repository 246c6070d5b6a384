package io.stocklambda.batch.spark;

import java.util.Locale;

/**
 * The report's section on the promotion decision (the promotion slice, DeLong's test against the
 * serving model) and on the deployed fit that serves.
 */
final class PromotionSection {

  private PromotionSection() {}

  /** Appends the promotion decision and the deployed fit to {@code h}. */
  static void append(StringBuilder h, Evaluation e) {
    Evaluation.PromotionCheck p = e.promotion();
    h.append("<h2>Promotion</h2><p>Promotion slice ")
        .append(p.from())
        .append(" to ")
        .append(p.to())
        .append(String.format(Locale.ROOT, ", %,d windows", p.windows()))
        .append(" that no evaluated fit learned from: this model's evaluated fit, AUC ")
        .append(String.format(Locale.ROOT, "%.4f", p.auc()))
        .append(" (reversal ")
        .append(String.format(Locale.ROOT, "%.4f", p.reversalAuc()))
        .append("). Serving model: ");
    if (p.serving() == null) {
      h.append("none");
    } else if (p.comparison() != null) {
      h.append(Report.esc(p.serving()))
          .append(
              String.format(
                  Locale.ROOT,
                  ", its evaluated fit's AUC %.4f; difference %+.4f, standard error %.4f, z %.2f"
                      + " (DeLong's paired test; promoted when z &gt; %.3f)",
                  p.servingAuc(),
                  p.comparison().difference(),
                  p.comparison().standardError(),
                  p.comparison().z(),
                  io.stocklambda.core.eval.AucComparison.Z_ONE_SIDED_5_PERCENT));
    } else {
      h.append(Report.esc(p.serving())).append(", not compared: ").append(Report.esc(p.note()));
    }
    h.append(". This model ")
        .append(e.promoted() ? "<b>is now CURRENT</b>" : "did not replace it")
        .append(".</p>");
    Evaluation.DeployedFit d = e.deployed();
    h.append(
        String.format(
            Locale.ROOT,
            "<p>Deployed fit (what serves, <code>model.json</code>): the same family and horizon refit on %,d windows "
                + "from %s to %s, every label before %s; it has no out-of-sample figure, the evaluated fit "
                + "(<code>evaluated.json</code>) stands for it. Parity with Spark on the promotion slice: max |&Delta;p| = %.2e.</p>",
            d.rows(),
            d.from(),
            d.to(),
            d.labelsBefore(),
            d.parityMaxDelta()));
  }
}
