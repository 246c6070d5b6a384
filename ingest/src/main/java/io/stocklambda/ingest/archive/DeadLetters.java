package io.stocklambda.ingest.archive;

import io.stocklambda.kafka.DeadLetterHeaders;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Records that are not ticks go to {@code ticks-dlq} as received, with the reason in headers. */
final class DeadLetters implements DeadLetterSink, AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  private final java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();

  private final String topic;

  DeadLetters(String bootstrap, String topic) {
    this.topic = topic;
    producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.CLIENT_ID_CONFIG, "stocklambda-archive-dlq"),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public void send(ConsumerRecord<byte[], byte[]> poison, String reason) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, poison.key(), poison.value(),
        DeadLetterHeaders.of(poison.headers(), reason, poison.topic(), poison.partition(), poison.offset(), "ingest-archive"));
    producer.send(record, (metadata, e) -> {
      if (e != null) {
        failure.compareAndSet(null, e);
      }
    });
  }

  /** Waits until every dead letter is acknowledged; called before a segment commits past them. */
  @Override
  public void flush() {
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("cannot write to " + topic + ": " + e.getMessage(), e);
    }
  }


  @Override
  public void close() {
    producer.close();
  }
}
