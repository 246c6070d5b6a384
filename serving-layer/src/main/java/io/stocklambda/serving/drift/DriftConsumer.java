package io.stocklambda.serving.drift;

import io.stocklambda.core.eval.DriftSnapshot;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.json.MalformedRecordException;
import io.stocklambda.kafka.TopicTail;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted {@code feature-drift} topic, from its beginning, in a {@link DriftBoard}, for as
 * long as the server runs (a {@link TopicTail}: every serving instance reads every partition, only
 * committed transactions, as the speed layer writes them; a topic the speed layer has not created
 * yet is picked up when it appears). A tombstone removes its key; a record that does not decode is
 * logged and skipped.
 */
public final class DriftConsumer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DriftConsumer.class);
  private static final JsonCodec<DriftSnapshot> SNAPSHOTS = JsonCodec.of(DriftSnapshot.class);

  private final DriftBoard board = new DriftBoard();
  private TopicTail tail;

  DriftConsumer() {}

  /** Starts reading {@code topic} at {@code bootstrap}. */
  public static DriftConsumer start(String bootstrap, String topic) {
    DriftConsumer drift = new DriftConsumer();
    drift.tail =
        TopicTail.follow(bootstrap, List.of(topic), "stocklambda-serving-drift", drift::accept);
    return drift;
  }

  public DriftBoard board() {
    return board;
  }

  /** One record into the board. */
  void accept(ConsumerRecord<String, byte[]> r) {
    if (r.key() == null) {
      return;
    }
    if (r.value() == null) {
      board.remove(r.key());
      return;
    }
    try {
      board.accept(r.key(), SNAPSHOTS.decode(r.value()));
    } catch (MalformedRecordException e) {
      LOG.warn("skipped a feature-drift record at offset {}: {}", r.offset(), e.reason());
    }
  }

  @Override
  public void close() {
    if (tail != null) {
      tail.close();
    }
  }
}
