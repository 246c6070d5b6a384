package io.stocklambda.batch.spark;

import io.stocklambda.core.eval.BinaryMetrics;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation as a self-contained HTML page: tables, and ROC and calibration plots as inline
 * SVG.
 */
public final class Report {

  private static final String[] COLORS = {
    "#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#7f7f7f"
  };
  private static final int SIZE = 360;

  private Report() {}

  public static String html(Evaluation e) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>stocklambda model ")
        .append(esc(e.version()))
        .append("</title>")
        .append(
            "<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}")
        .append(
            "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}")
        .append(
            ".best{font-weight:bold}svg{border:1px solid #ccc;margin:0 1em 1em 0}</style></head><body>");
    h.append("<h1>Model ").append(esc(e.version())).append("</h1>");
    h.append("<p>Selected on the validation slice: <b>")
        .append(esc(e.selected()))
        .append("</b>, learning from ")
        .append(e.trainYears() == 0 ? "all history" : "the last " + e.trainYears() + " years")
        .append(". Evaluated fit trained on ")
        .append(String.format("%,d", e.trainRows()))
        .append(" windows whose label row precedes the cutoff ")
        .append(e.cutoff())
        .append(" (validation slice from ")
        .append(e.validationStart())
        .append("); tested on ")
        .append(String.format("%,d", e.testRows()))
        .append(" windows from ")
        .append(e.cutoff())
        .append(" to the promotion slice, which starts on ")
        .append(e.promotionStart())
        .append(". The test period is reported here once and chose nothing.")
        .append(" Thesis replica: logistic regression on raw closes of ")
        .append(esc(e.thesisReplicaStock()))
        .append(" only.</p>");
    if (e.size() != null) {
      Evaluation.Size z = e.size();
      h.append(
          String.format(
              Locale.ROOT,
              "<p>Training set: %,d windows, %,d labeled: %,d in the training period, %,d in the "
                  + "validation slice, %,d in the test period and the promotion slice. Learned from %.1f%% of the training period "
                  + "and judged on %.1f%% of the validation slice and %.1f%% of the test period and the promotion slice (seeded "
                  + "uniform samples).</p>",
              z.windows(),
              z.labeled(),
              z.train(),
              z.validation(),
              z.afterCutoff(),
              100 * z.trainShare(),
              100 * z.validationShare(),
              100 * z.testShare()));
      if (z.refused() > 0) {
        h.append(
            String.format(
                Locale.ROOT,
                "<p>%,d drawn window(s) left out: a feature is not finite (a close near zero beside a "
                    + "normal one); such windows are never scored.</p>",
                z.refused()));
      }
    }
    if (e.seconds() != null && !e.seconds().isEmpty()) {
      h.append("<p>Time by step: ").append(Steps.describe(e.seconds())).append(".</p>");
    }
    h.append("<p>Validation AUC: ")
        .append(e.validationAuc().toString())
        .append(
            String.format(
                Locale.ROOT,
                "; standard error %.4f: the simpler family within one standard error of the best is chosen",
                e.validationStandardError()))
        .append(". Parity of the exported artifact with Spark: max |&Delta;p| = ")
        .append(String.format(Locale.ROOT, "%.2e", e.parityMaxDelta()))
        .append(".</p>");
    PromotionSection.append(h, e);
    table(
        h,
        "Test period, all windows",
        e.rows().stream().filter(r -> r.slice().equals("all")).toList(),
        true);
    table(
        h, "By year", e.rows().stream().filter(r -> r.slice().startsWith("year ")).toList(), false);
    table(
        h,
        "By price of the last close",
        e.rows().stream().filter(r -> r.slice().startsWith("price ")).toList(),
        false);
    h.append("<h2>ROC, test period</h2>").append(roc(e.roc()));
    h.append("<h2>Calibration of ")
        .append(esc(e.selected()))
        .append(", test period</h2>")
        .append(calibration(e.calibration()));
    return h.append("</body></html>").toString();
  }

  private static void table(
      StringBuilder h, String title, List<Evaluation.MetricRow> rows, boolean markBest) {
    double best =
        rows.stream()
            .mapToDouble(Evaluation.MetricRow::auc)
            .filter(Double::isFinite)
            .max()
            .orElse(Double.NaN);
    h.append("<h2>")
        .append(title)
        .append(
            "</h2><table><tr><th>model</th><th>slice</th><th>windows</th><th>up share</th><th>AUC</th>")
        .append("<th>accuracy</th><th>balanced accuracy</th></tr>");
    for (Evaluation.MetricRow r : rows) {
      boolean mark = markBest && r.auc() == best;
      h.append("<tr")
          .append(mark ? " class=\"best\"" : "")
          .append("><td>")
          .append(esc(r.model()))
          .append("</td><td>")
          .append(esc(r.slice()))
          .append("</td><td>")
          .append(String.format("%,d", r.n()))
          .append("</td><td>")
          .append(f(r.upShare()))
          .append("</td><td>")
          .append(f(r.auc()))
          .append("</td><td>")
          .append(f(r.accuracy()))
          .append("</td><td>")
          .append(f(r.balancedAccuracy()))
          .append("</td></tr>");
    }
    h.append("</table>");
  }

  private static String roc(Map<String, List<double[]>> curves) {
    StringBuilder s = svgStart("false positive rate", "true positive rate");
    s.append(line(0, 0, 1, 1, "#bbb", "4,4"));
    int i = 0;
    for (Map.Entry<String, List<double[]>> curve : curves.entrySet()) {
      String color = COLORS[i % COLORS.length];
      s.append("<polyline fill=\"none\" stroke=\"")
          .append(color)
          .append("\" stroke-width=\"1.5\" points=\"");
      for (double[] p : thin(curve.getValue(), 400)) {
        s.append(x(p[0])).append(',').append(y(p[1])).append(' ');
      }
      s.append("\"/>").append(legend(i, curve.getKey(), color));
      i++;
    }
    return s.append("</svg>").toString();
  }

  private static String calibration(List<BinaryMetrics.CalibrationBin> bins) {
    StringBuilder s = svgStart("predicted P(up)", "observed share up");
    s.append(line(0, 0, 1, 1, "#bbb", "4,4"));
    for (BinaryMetrics.CalibrationBin b : bins) {
      double r = Math.max(2, Math.min(10, Math.sqrt(b.count()) / 10));
      s.append("<circle cx=\"")
          .append(x(b.meanPredicted()))
          .append("\" cy=\"")
          .append(y(b.observedUpShare()))
          .append("\" r=\"")
          .append(f(r))
          .append("\" fill=\"")
          .append(COLORS[0])
          .append("\" fill-opacity=\"0.6\"><title>")
          .append(
              String.format(
                  Locale.ROOT,
                  "%.2f-%.2f: %,d windows, predicted %.3f, observed %.3f",
                  b.from(),
                  b.to(),
                  b.count(),
                  b.meanPredicted(),
                  b.observedUpShare()))
          .append("</title></circle>");
    }
    return s.append("</svg>").toString();
  }

  private static StringBuilder svgStart(String xLabel, String yLabel) {
    return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(SIZE + 60)
        .append("\" height=\"")
        .append(SIZE + 50)
        .append("\"><g font-size=\"11\">")
        .append(line(0, 0, 1, 0, "#333", null))
        .append(line(0, 0, 0, 1, "#333", null))
        .append("<text x=\"")
        .append(30 + SIZE / 2)
        .append("\" y=\"")
        .append(SIZE + 40)
        .append("\" text-anchor=\"middle\">")
        .append(xLabel)
        .append("</text><text x=\"12\" y=\"")
        .append(10 + SIZE / 2)
        .append("\" transform=\"rotate(-90 12 ")
        .append(10 + SIZE / 2)
        .append(")\" text-anchor=\"middle\">")
        .append(yLabel)
        .append("</text></g>");
  }

  private static String legend(int i, String name, String color) {
    return "<text x=\""
        + (x(0.55))
        + "\" y=\""
        + (y(0.3) + 14 * i)
        + "\" font-size=\"11\" fill=\""
        + color
        + "\">"
        + esc(name)
        + "</text>";
  }

  private static String line(
      double x1, double y1, double x2, double y2, String color, String dash) {
    return "<line x1=\""
        + x(x1)
        + "\" y1=\""
        + y(y1)
        + "\" x2=\""
        + x(x2)
        + "\" y2=\""
        + y(y2)
        + "\" stroke=\""
        + color
        + "\""
        + (dash == null ? "" : " stroke-dasharray=\"" + dash + "\"")
        + "/>";
  }

  private static List<double[]> thin(List<double[]> points, int max) {
    if (points.size() <= max) {
      return points;
    }
    int step = (int) Math.ceil(points.size() / (double) max);
    java.util.List<double[]> out = new java.util.ArrayList<>();
    for (int i = 0; i < points.size(); i += step) {
      out.add(points.get(i));
    }
    out.add(points.get(points.size() - 1));
    return out;
  }

  private static String x(double v) {
    return f(40 + v * SIZE);
  }

  private static String y(double v) {
    return f(10 + (1 - v) * SIZE);
  }

  /**
   * HTML-escapes a value shown in the page (model and stock names come from the user or the data).
   */
  static String esc(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String f(double v) {
    return Double.isNaN(v)
        ? "-"
        : String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
