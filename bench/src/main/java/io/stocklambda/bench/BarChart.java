package io.stocklambda.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A grouped bar chart as PNG, drawn with Java2D (headless): categories along the x axis, one bar
 * per series in each, each bar labelled with its value. Enough for the benchmark's figures, with no
 * plotting library on any classpath.
 */
final class BarChart {

  private static final Color[] PALETTE = {
    new Color(0x1f77b4),
    new Color(0xff7f0e),
    new Color(0x2ca02c),
    new Color(0xd62728),
    new Color(0x9467bd),
    new Color(0x8c564b)
  };

  private final String title;
  private final String yLabel;
  private final List<String> categories;
  private final Map<String, double[]> series = new LinkedHashMap<>();

  BarChart(String title, String yLabel, List<String> categories) {
    this.title = title;
    this.yLabel = yLabel;
    this.categories = categories;
  }

  BarChart series(String name, double[] values) {
    if (values.length != categories.size()) {
      throw new IllegalArgumentException(
          "series "
              + name
              + " has "
              + values.length
              + " values for "
              + categories.size()
              + " categories");
    }
    series.put(name, values);
    return this;
  }

  void write(Path png) {
    int width = 960;
    int height = 540;
    int left = 90;
    int right = 30;
    int top = 60;
    int bottom = 90;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    g.drawString(title, left, 32);
    double max = series.values().stream().flatMapToDouble(java.util.Arrays::stream).max().orElse(1);
    double scale = niceCeiling(max <= 0 ? 1 : max);
    int plotHeight = height - top - bottom;
    int plotWidth = width - left - right;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    FontMetrics metrics = g.getFontMetrics();
    for (int i = 0; i <= 5; i++) {
      int y = top + plotHeight - plotHeight * i / 5;
      g.setColor(new Color(0xdddddd));
      g.drawLine(left, y, width - right, y);
      g.setColor(Color.DARK_GRAY);
      String label = format(scale * i / 5);
      g.drawString(label, left - 8 - metrics.stringWidth(label), y + 4);
    }
    g.setColor(Color.BLACK);
    g.setStroke(new BasicStroke(1.5f));
    g.drawLine(left, top + plotHeight, width - right, top + plotHeight);
    g.drawLine(left, top, left, top + plotHeight);
    Graphics2D rotated = (Graphics2D) g.create();
    rotated.rotate(-Math.PI / 2);
    rotated.drawString(yLabel, -(top + plotHeight / 2 + metrics.stringWidth(yLabel) / 2), 20);
    rotated.dispose();
    int groups = categories.size();
    int perGroup = Math.max(1, series.size());
    double groupWidth = (double) plotWidth / groups;
    double barWidth = groupWidth * 0.8 / perGroup;
    // the legend's entries share the plot's width, so that every series has one
    int legendSlot = Math.min(240, plotWidth / perGroup);
    int s = 0;
    for (Map.Entry<String, double[]> e : series.entrySet()) {
      g.setColor(PALETTE[s % PALETTE.length]);
      for (int c = 0; c < groups; c++) {
        double value = e.getValue()[c];
        int barHeight = (int) Math.round(plotHeight * Math.max(0, value) / scale);
        int x = (int) Math.round(left + c * groupWidth + groupWidth * 0.1 + s * barWidth);
        g.fillRect(x, top + plotHeight - barHeight, (int) Math.max(1, barWidth - 2), barHeight);
        g.setColor(Color.BLACK);
        String text = format(value);
        g.drawString(
            text,
            x + (int) (barWidth - metrics.stringWidth(text)) / 2,
            top + plotHeight - barHeight - 4);
        g.setColor(PALETTE[s % PALETTE.length]);
      }
      // legend
      int lx = left + 10 + s * legendSlot;
      g.fillRect(lx, height - 28, 14, 14);
      g.setColor(Color.BLACK);
      g.drawString(e.getKey(), lx + 20, height - 16);
      s++;
    }
    g.setColor(Color.BLACK);
    for (int c = 0; c < groups; c++) {
      String label = categories.get(c);
      int x =
          (int)
              Math.round(left + c * groupWidth + groupWidth / 2 - metrics.stringWidth(label) / 2.0);
      g.drawString(label, x, top + plotHeight + 20);
    }
    g.dispose();
    try {
      ImageIO.write(image, "png", png.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + png, e);
    }
  }

  static String format(double value) {
    if (Math.abs(value) >= 100 || value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static double niceCeiling(double max) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * magnitude >= max) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }
}
