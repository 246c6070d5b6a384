package io.stocklambda.ingest.replay;

import io.stocklambda.core.tick.Tick;

/**
 * Where a replay sends ticks. Sends may be asynchronous; {@link #flush} waits until all are
 * durable.
 */
public interface TickSink extends AutoCloseable {

  /**
   * @throws IllegalStateException if an earlier send failed
   */
  void send(Tick tick);

  /** Waits until every tick sent is acknowledged. */
  void flush();

  @Override
  void close();
}
