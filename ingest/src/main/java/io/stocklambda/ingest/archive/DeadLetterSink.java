package io.stocklambda.ingest.archive;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Where records that are not ticks go, as received, with the reason. */
interface DeadLetterSink {

  void send(ConsumerRecord<byte[], byte[]> poison, String reason);

  /** Waits until every dead letter sent is durable. */
  void flush();
}
