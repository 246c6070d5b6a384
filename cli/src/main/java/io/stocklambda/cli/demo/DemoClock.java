package io.stocklambda.cli.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's steps (seven, and an eighth with {@code --with-oozie}): each announced, timed, and
 * summed up once live predictions are served.
 */
final class DemoClock {

  private static final List<String> STEP_NAMES =
      List.of(
          "data",
          "stack",
          "land",
          "batch layer",
          "serve",
          "live layers",
          "replay",
          "retraining through Oozie");

  private final PrintStream out;
  private final int steps;
  private final Map<String, Double> stepSeconds = new LinkedHashMap<>();
  private String stepName;
  private long stepStarted;

  /**
   * @param withOozie whether the demo has the eighth step
   */
  DemoClock(PrintStream out, boolean withOozie) {
    this.out = out;
    this.steps = withOozie ? STEP_NAMES.size() : STEP_NAMES.size() - 1;
  }

  /** Ends the step under way, saying how long it took, and starts step {@code n}. */
  void step(int n, String what) {
    endStep();
    if (n < 1 || n > steps) {
      throw new IllegalArgumentException("the demo has no step " + n + " of " + steps);
    }
    out.printf("%n[%d/%d] %s%n", n, steps, what);
    stepName = STEP_NAMES.get(n - 1);
    stepStarted = System.nanoTime();
  }

  void endStep() {
    if (stepName != null) {
      double seconds = (System.nanoTime() - stepStarted) / 1e9;
      stepSeconds.put(stepName, seconds);
      out.printf("  %s took %s%n", stepName, minutes(seconds));
      stepName = null;
    }
  }

  /** How long each step took, and how long from the start until live predictions were served. */
  void timeline(long started) {
    if (!stepSeconds.isEmpty()) {
      out.printf(
          "  time by step: %s; live predictions %s after the start%n",
          String.join(
              ", ",
              stepSeconds.entrySet().stream()
                  .map(e -> e.getKey() + " " + minutes(e.getValue()))
                  .toList()),
          minutes((System.nanoTime() - started) / 1e9));
    }
  }

  static String minutes(double seconds) {
    return seconds < 90
        ? String.format(Locale.ROOT, "%.0f s", seconds)
        : String.format(Locale.ROOT, "%d min %02d s", (long) seconds / 60, (long) seconds % 60);
  }

  /** {@code 90}, {@code 90s}, {@code 10m}, {@code 1h}, or ISO-8601 like {@code PT2M}. */
  static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("pt")) {
        return positive(Duration.parse(t.toUpperCase(Locale.ROOT)), text);
      }
      char unit = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
      String number = Character.isDigit(unit) ? t : t.substring(0, t.length() - 1);
      long n = Long.parseLong(number);
      return positive(
          switch (unit) {
            case 'h' -> Duration.ofHours(n);
            case 'm' -> Duration.ofMinutes(n);
            case 's' -> Duration.ofSeconds(n);
            default -> {
              if (!Character.isDigit(unit)) {
                throw new NumberFormatException();
              }
              yield Duration.ofSeconds(n);
            }
          },
          text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "--duration must be like 90s, 10m or 1h, was '" + text + "'");
    }
  }

  private static Duration positive(Duration d, String text) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("--duration must be positive, was '" + text + "'");
    }
    return d;
  }
}
