package io.stocklambda.ingest.replay;

import io.stocklambda.core.progress.Progress;
import io.stocklambda.core.tick.Tick;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Sends a date-ordered tick stream to a sink at a pace, until the stream ends or a stop is
 * requested; then flushes, so that every tick counted as sent is acknowledged.
 */
public final class Replayer {

  /**
   * @param sent ticks sent and acknowledged
   * @param last the last tick sent (null if none)
   * @param resumeSkip the {@code --skip} that resumes after the last tick sent
   * @param stopped whether it stopped on request before the stream ended
   */
  public record Result(
      long sent, Tick first, Tick last, long resumeSkip, double seconds, boolean stopped) {
    public double rate() {
      return seconds > 0 ? sent / seconds : 0;
    }
  }

  private final TickSink sink;
  private final Pace pace;
  private final ReplayFilter filter;

  public Replayer(TickSink sink, Pace pace, ReplayFilter filter) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.pace = Objects.requireNonNull(pace, "pace");
    this.filter = Objects.requireNonNull(filter, "filter");
  }

  public Result replay(Iterator<Tick> ticks, BooleanSupplier stopRequested, Progress progress) {
    long started = System.nanoTime();
    long position = 0;
    long sent = 0;
    Tick first = null;
    Tick last = null;
    boolean stopped = false;
    while (ticks.hasNext()) {
      if (stopRequested.getAsBoolean()) {
        stopped = true;
        break;
      }
      Tick tick = ticks.next();
      if (filter.isPast(tick)) {
        break;
      }
      if (!filter.inRange(tick) || position++ < filter.skip()) {
        continue;
      }
      try {
        pace.await(tick);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
        break;
      }
      sink.send(tick);
      sent++;
      if (first == null) {
        first = tick;
      }
      last = tick;
      progress.advance(1);
      if ((sent & 1023) == 1) {
        progress.note("at " + tick.date());
      }
    }
    sink.flush();
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Result(sent, first, last, filter.skip() + sent, seconds, stopped);
  }
}
