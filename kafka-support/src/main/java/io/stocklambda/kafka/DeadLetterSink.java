package io.stocklambda.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Where records that cannot be read go, as received, with the reason. */
public interface DeadLetterSink {

  void send(ConsumerRecord<byte[], byte[]> poison, String reason);

  /** Waits until every dead letter sent is durable; a consumer commits past them only then. */
  void flush();
}
