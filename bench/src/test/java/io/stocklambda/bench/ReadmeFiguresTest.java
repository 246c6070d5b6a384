package io.stocklambda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README quotes only measured figures: every rate (ticks/s, rows/s, windows/s, predictions/s) and
 * every latency in milliseconds it gives is a cell, as rounded in the text, of a benchmark CSV
 * directly in {@code docs/bench/} (the latest runs; the earlier runs archived in its subdirectories
 * do not count), and every ratio ({@code x2.13}) is the quotient of two cells of one column of one
 * CSV (one engine's figure over another's).
 */
class ReadmeFiguresTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern FIGURE =
      Pattern.compile(
          "(?<![\\w.,])(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)\\s*(ticks/s|rows/s|windows/s|predictions/s|ms\\b)");

  /** The first figure of a range or pair: "85,000 to 105,000 ticks/s", "p50 74 and 226 ms". */
  private static final Pattern FIRST_OF_TWO =
      Pattern.compile(
          "(?<![\\w.,])(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)(?=\\s+(?:to|and|or)\\s+"
              + "(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)\\s*(?:ticks/s|rows/s|windows/s|predictions/s|ms\\b))");

  /** A ratio: "x2.13" or "2.1x" (also the first of "1.4 to 1.6x"). */
  private static final Pattern RATIO =
      Pattern.compile(
          "(?<![\\w.])x(\\d+\\.\\d+)\\b|(?<![\\w.,])(\\d+(?:\\.\\d+)?)(?:x\\b|(?=\\s+to\\s+\\d+(?:\\.\\d+)?x\\b))");

  @Test
  void everyFigureReadmeQuotesIsInABenchmarkCsv() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    List<List<double[]>> csvs = csvs();
    List<String> missing = new ArrayList<>();
    for (Pattern figures : List.of(FIGURE, FIRST_OF_TWO)) {
      Matcher m = figures.matcher(readme);
      while (m.find()) {
        String text = m.group(1);
        double value = Double.parseDouble(text.replace(",", ""));
        int decimals = decimals(text);
        if (csvs.stream()
            .flatMap(List::stream)
            .flatMapToDouble(java.util.Arrays::stream)
            .noneMatch(c -> rounds(c, value, decimals))) {
          missing.add(m.group() + " (line " + line(readme, m.start()) + ")");
        }
      }
    }
    Matcher r = RATIO.matcher(readme);
    while (r.find()) {
      String text = r.group(1) != null ? r.group(1) : r.group(2);
      double ratio = Double.parseDouble(text);
      int decimals = decimals(text);
      if (csvs.stream().noneMatch(cells -> quotient(cells, ratio, decimals))) {
        missing.add(r.group() + " (line " + line(readme, r.start()) + ")");
      }
    }
    assertThat(missing)
        .as("figures README quotes that no CSV of the latest runs (docs/bench/*.csv) holds")
        .isEmpty();
  }

  private static boolean rounds(double cell, double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Double.isFinite(cell) && Math.round(cell * scale) == Math.round(value * scale);
  }

  private static int decimals(String number) {
    return number.contains(".") ? number.length() - number.indexOf('.') - 1 : 0;
  }

  private static boolean quotient(List<double[]> rows, double ratio, int decimals) {
    for (double[] a : rows) {
      for (double[] b : rows) {
        for (int c = 0; c < Math.min(a.length, b.length); c++) {
          if (a != b && b[c] != 0 && rounds(a[c] / b[c], ratio, decimals)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Each CSV's rows of cells, NaN where a cell is a name. */
  private static List<List<double[]>> csvs() throws IOException {
    List<List<double[]>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("docs/bench"))) {
      for (Path csv : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
        List<double[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
          if (line.startsWith("#")) {
            continue;
          }
          String[] cells = line.split(",");
          double[] row = new double[cells.length];
          for (int i = 0; i < cells.length; i++) {
            try {
              row[i] = Double.parseDouble(cells[i].trim());
            } catch (NumberFormatException e) {
              row[i] = Double.NaN; // a name, not a figure
            }
          }
          rows.add(row);
        }
        out.add(rows);
      }
    }
    assertThat(out).as("benchmark CSVs in docs/bench").isNotEmpty();
    return out;
  }

  private static int line(String text, int offset) {
    return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
  }
}
