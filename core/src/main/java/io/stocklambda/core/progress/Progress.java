package io.stocklambda.core.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Progress of long work, for people: on a terminal, one line redrawn in place (done, total,
 * percentage, rate, ETA); elsewhere (logs, CI), a plain line every {@code every}. Cheap to call per
 * item: it only formats when it is time to print. Not thread-safe; one worker reports.
 */
public final class Progress implements AutoCloseable {

  private final String what;
  private final String unit;
  private final long total;
  private final PrintStream out;
  private final boolean terminal;
  private final long everyNanos;
  private final LongSupplier clock;
  private final long started;
  private long done;
  private long lastPrinted;
  private String note = "";
  private boolean closed;

  Progress(
      String what,
      String unit,
      long total,
      PrintStream out,
      boolean terminal,
      Duration every,
      LongSupplier clock) {
    this.what = what;
    this.unit = unit;
    this.total = total;
    this.out = out;
    this.terminal = terminal;
    this.everyNanos = every.toNanos();
    this.clock = clock;
    this.started = clock.getAsLong();
    this.lastPrinted = started;
  }

  /**
   * Progress on stderr: redrawn 5 times a second on a terminal, a line every 10 s otherwise.
   *
   * @param total the expected amount, or 0 if unknown (no percentage, no ETA)
   */
  public static Progress start(String what, String unit, long total) {
    boolean terminal = System.console() != null;
    return new Progress(
        what,
        unit,
        total,
        System.err,
        terminal,
        terminal ? Duration.ofMillis(200) : Duration.ofSeconds(10),
        System::nanoTime);
  }

  public void advance(long amount) {
    done += amount;
    long now = clock.getAsLong();
    if (now - lastPrinted >= everyNanos) {
      lastPrinted = now;
      print(false);
    }
  }

  /** A short remark shown after the figures, e.g. the market date being replayed. */
  public void note(String note) {
    this.note = note;
  }

  public long done() {
    return done;
  }

  /** Amount per second since the start. */
  public double rate() {
    double seconds = (clock.getAsLong() - started) / 1e9;
    return seconds > 0 ? done / seconds : 0;
  }

  public Duration elapsed() {
    return Duration.ofNanos(clock.getAsLong() - started);
  }

  /** The current line, as printed. */
  public String line() {
    StringBuilder s = new StringBuilder(what).append(": ").append(String.format("%,d", done));
    if (total > 0) {
      s.append(String.format(" of %,d %s (%.1f%%)", total, unit, 100.0 * done / total));
    } else {
      s.append(' ').append(unit);
    }
    double rate = rate();
    s.append(String.format(", %,.0f %s/s", rate, unit));
    if (total > 0 && rate > 0 && done < total) {
      long eta = (long) ((total - done) / rate);
      s.append(String.format(", ETA %d:%02d", eta / 60, eta % 60));
    }
    if (!note.isEmpty()) {
      s.append(", ").append(note);
    }
    return s.toString();
  }

  private void print(boolean last) {
    if (terminal) {
      out.print("\r" + line() + "\033[K" + (last ? System.lineSeparator() : ""));
    } else {
      out.println(line());
    }
    out.flush();
  }

  /** Prints the final line. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      print(true);
    }
  }
}
