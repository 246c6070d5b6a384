package io.stocklambda.kafka;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends poison records to a dead-letter topic as received (key, value, headers), with the reason
 * and their origin in {@link DeadLetterHeaders}; idempotent, acks=all.
 */
public final class DeadLetterProducer implements DeadLetterSink, AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final String topic;
  private final String failedBy;

  /**
   * @param failedBy the component that refused the records, for the header
   */
  public DeadLetterProducer(String bootstrap, String topic, String failedBy) {
    this.topic = topic;
    this.failedBy = failedBy;
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.CLIENT_ID_CONFIG,
                "stocklambda-" + failedBy + "-dlq"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  @Override
  public void send(ConsumerRecord<byte[], byte[]> poison, String reason) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            topic,
            null,
            poison.key(),
            poison.value(),
            DeadLetterHeaders.of(
                poison.headers(),
                reason,
                poison.topic(),
                poison.partition(),
                poison.offset(),
                failedBy));
    producer.send(
        record,
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  @Override
  public void flush() {
    producer.flush();
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("cannot write to " + topic + ": " + e.getMessage(), e);
    }
  }

  public String topic() {
    return topic;
  }

  @Override
  public void close() {
    producer.close();
  }
}
