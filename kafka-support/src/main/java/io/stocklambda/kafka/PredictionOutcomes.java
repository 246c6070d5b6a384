package io.stocklambda.kafka;

import io.stocklambda.core.eval.LiveScoreboard;
import io.stocklambda.core.json.MalformedRecordException;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.prediction.PredictionJson;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Resolved predictions of prediction topics (the served {@code predictions}, the candidates' {@code
 * predictions-shadow}) in a {@link LiveScoreboard}, read with a {@link TopicTail}: once to the end
 * ({@link #readToEnd}, for the {@code model} commands) or following the topics ({@link #follow},
 * for the serving layer). Of a record that carries a resolved call only that call and what it is
 * checked against are read ({@link PredictionJson#readResolved}). A record that is not a prediction
 * is skipped and counted, but for a fault only in a skipped field of a carrying record's own call.
 */
public final class PredictionOutcomes implements AutoCloseable {

  private final LiveScoreboard scoreboard = new LiveScoreboard();
  private final LongAdder skipped = new LongAdder();
  private TopicTail tail;

  PredictionOutcomes() {} // the factories below; tests

  /**
   * Every resolved prediction committed so far on the topics.
   *
   * @throws IllegalStateException if the end is not reached within the timeout
   * @throws org.apache.kafka.common.errors.TimeoutException if the broker does not answer
   */
  public static LiveScoreboard readToEnd(String bootstrap, List<String> topics, Duration timeout) {
    PredictionOutcomes outcomes = new PredictionOutcomes();
    TopicTail.readToEnd(bootstrap, topics, timeout, outcomes::accept);
    return outcomes.scoreboard;
  }

  /** Follows the topics on a daemon thread until closed. */
  public static PredictionOutcomes follow(String bootstrap, List<String> topics) {
    PredictionOutcomes outcomes = new PredictionOutcomes();
    outcomes.tail = TopicTail.follow(bootstrap, topics, "stocklambda-outcomes", outcomes::accept);
    return outcomes;
  }

  /** The figures read so far. */
  public LiveScoreboard scoreboard() {
    return scoreboard;
  }

  /** Records skipped because they were not predictions. */
  public long skipped() {
    return skipped.sum();
  }

  void accept(ConsumerRecord<String, byte[]> r) {
    try {
      Prediction resolved = r.value() == null ? null : PredictionJson.readResolved(r.value());
      if (resolved != null) {
        scoreboard.add(resolved);
      }
    } catch (MalformedRecordException | IllegalArgumentException | NullPointerException e) {
      skipped.increment();
    }
  }

  @Override
  public void close() {
    if (tail != null) {
      tail.close();
    }
  }
}
