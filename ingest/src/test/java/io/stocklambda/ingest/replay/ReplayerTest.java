package io.stocklambda.ingest.replay;

import static io.stocklambda.core.testing.Ticks.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.progress.Progress;
import io.stocklambda.core.tick.Tick;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayerTest {

  private final List<Tick> stream =
      List.of(
          tick("a.us", "2001-01-02", 1), tick("b.us", "2001-01-02", 2),
          tick("a.us", "2001-01-03", 3), tick("b.us", "2001-01-03", 4),
          tick("a.us", "2001-01-04", 5), tick("b.us", "2001-01-04", 6));

  @Test
  void sendsEveryTickInOrderAndFlushes() {
    MemorySink sink = new MemorySink();

    Replayer.Result result =
        new Replayer(sink, Pace.max(), ReplayFilter.all())
            .replay(stream.iterator(), () -> false, Progress.start("t", "ticks", 0));

    assertThat(sink.sent).isEqualTo(stream);
    assertThat(sink.flushes).isEqualTo(1);
    assertThat(result.sent()).isEqualTo(6);
    assertThat(result.stopped()).isFalse();
  }

  @Test
  void fromAndToSelectDatesInclusive() {
    MemorySink sink = new MemorySink();
    ReplayFilter filter =
        new ReplayFilter(LocalDate.parse("2001-01-03"), LocalDate.parse("2001-01-03"), 0);

    new Replayer(sink, Pace.max(), filter)
        .replay(stream.iterator(), () -> false, Progress.start("t", "ticks", 0));

    assertThat(sink.sent).extracting(Tick::close).containsExactly(3.0, 4.0);
  }

  @Test
  void aStoppedReplayResumesExactlyWithTheSkipItPrints() {
    MemorySink first = new MemorySink();
    int[] polls = {0};
    Replayer.Result stopped =
        new Replayer(first, Pace.max(), ReplayFilter.all())
            .replay(stream.iterator(), () -> ++polls[0] > 4, Progress.start("t", "ticks", 0));

    MemorySink second = new MemorySink();
    new Replayer(second, Pace.max(), new ReplayFilter(null, null, stopped.resumeSkip()))
        .replay(stream.iterator(), () -> false, Progress.start("t", "ticks", 0));

    assertThat(stopped.stopped()).isTrue();
    assertThat(first.sent).hasSize(4);
    List<Tick> both = new ArrayList<>(first.sent);
    both.addAll(second.sent);
    assertThat(both).isEqualTo(stream);
  }

  static final class MemorySink implements TickSink {
    final List<Tick> sent = new ArrayList<>();
    int flushes;

    @Override
    public void send(Tick tick) {
      sent.add(tick);
    }

    @Override
    public void flush() {
      flushes++;
    }

    @Override
    public void close() {}
  }
}
