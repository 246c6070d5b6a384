package io.stocklambda.core.dataset;

import io.stocklambda.core.csv.TickCsvFormat;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.core.tick.TradingDates;
import io.stocklambda.core.window.Label;
import io.stocklambda.core.window.LabeledWindow;
import io.stocklambda.core.window.Window;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the batch layer's training set ({@code batch/training/<run>/part-*}): a full window
 * with every value a feature spec can use, and its label.
 *
 * <pre>stock,date,label,labelDate,size,{date,open,high,low,close,volume} x size</pre>
 *
 * {@code date} is the window's last date; {@code label} is 1, 0, or empty for the last window of a
 * stock, whose next close is not known yet (scored by the batch view, never trained on); {@code
 * labelDate} is the date of the row that gives the label (the stock's next row: after a halt, weeks
 * later), empty with the label. The MapReduce job writes it; the Spark jobs read it; both through
 * this class.
 */
public final class TrainingLine {

  private static final int TICK_FIELDS = 6;

  /** stock, date, label, labelDate, size. */
  private static final int HEAD_FIELDS = 5;

  private TrainingLine() {}

  public static String format(LabeledWindow labeled) {
    Window w = labeled.window();
    StringBuilder out = new StringBuilder(48 + 64 * w.size());
    out.append(w.stock()).append(',').append(w.last().date()).append(',');
    if (labeled.isLabeled()) {
      out.append(labeled.label().value()).append(',').append(labeled.labelDate());
    } else {
      out.append(',');
    }
    out.append(',').append(w.size());
    for (Tick t : w.ticks()) {
      out.append(',')
          .append(t.date())
          .append(',')
          .append(TickCsvFormat.price(t.open()))
          .append(',')
          .append(TickCsvFormat.price(t.high()))
          .append(',')
          .append(TickCsvFormat.price(t.low()))
          .append(',')
          .append(TickCsvFormat.price(t.close()))
          .append(',')
          .append(t.volume());
    }
    return out.toString();
  }

  /**
   * A training line's first fields only: what sampling and splitting need, several times cheaper
   * than {@link #parse}.
   *
   * @param label null for a stock's last, unlabeled window
   * @param labelDate the label row's date, null with the label
   */
  public record Head(String stock, LocalDate date, Label label, LocalDate labelDate) {}

  /**
   * @throws IllegalArgumentException if the line does not start with {@code
   *     stock,date,label,labelDate,}
   */
  public static Head head(String line) {
    int a = line.indexOf(',');
    int b = a < 0 ? -1 : line.indexOf(',', a + 1);
    int c = b < 0 ? -1 : line.indexOf(',', b + 1);
    int d = c < 0 ? -1 : line.indexOf(',', c + 1);
    if (d < 0) {
      throw new IllegalArgumentException("not a training line: '" + shorten(line) + "'");
    }
    return new Head(
        line.substring(0, a),
        TradingDates.parse(line.substring(a + 1, b)),
        label(line.substring(b + 1, c)),
        labelDate(line.substring(c + 1, d)));
  }

  private static Label label(String field) {
    return field.isEmpty() ? null : Label.ofValue(Integer.parseInt(field));
  }

  private static LocalDate labelDate(String field) {
    if (!field.isEmpty() && field.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "a training line without the label row's date (the layout before issue 17): rebuild the "
              + "training set with 'stocklambda batch windows'");
    }
    return field.isEmpty() ? null : TradingDates.parse(field);
  }

  /**
   * @throws IllegalArgumentException saying what is wrong with the line
   */
  public static LabeledWindow parse(String line) {
    String[] f = line.split(",", -1);
    if (f.length < HEAD_FIELDS) {
      throw new IllegalArgumentException("not a training line: '" + shorten(line) + "'");
    }
    LocalDate labelDate = labelDate(f[3]);
    int size;
    try {
      size = Integer.parseInt(f[HEAD_FIELDS - 1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad window size '" + f[HEAD_FIELDS - 1] + "'");
    }
    if (size < 1 || f.length != HEAD_FIELDS + TICK_FIELDS * size) {
      throw new IllegalArgumentException(
          "a window of "
              + size
              + " needs "
              + (HEAD_FIELDS + TICK_FIELDS * size)
              + " fields, found "
              + f.length);
    }
    String stock = f[0];
    List<Tick> ticks = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int at = HEAD_FIELDS + TICK_FIELDS * i;
      ticks.add(
          new Tick(
              stock,
              TradingDates.parse(f[at]),
              Double.parseDouble(f[at + 1]),
              Double.parseDouble(f[at + 2]),
              Double.parseDouble(f[at + 3]),
              Double.parseDouble(f[at + 4]),
              Long.parseLong(f[at + 5])));
    }
    Window window = new Window(stock, size, ticks);
    if (!window.last().date().equals(TradingDates.parse(f[1]))) {
      throw new IllegalArgumentException(
          "line date " + f[1] + " is not the window's last date " + window.last().date());
    }
    return new LabeledWindow(window, label(f[2]), labelDate);
  }

  private static String shorten(String line) {
    return line.length() <= 80 ? line : line.substring(0, 80) + "...";
  }
}
