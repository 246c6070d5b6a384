package io.stocklambda.ingest.replay;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.tick.ThesisTick;
import io.stocklambda.core.tick.Tick;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Ticks into the {@code ticks} topic, keyed by stock (so each stock's ticks stay in order in one
 * partition), as core's Tick JSON or the thesis's {@code {"stock","price","date"}}. Idempotent and
 * acknowledged by all replicas; batched and lz4-compressed for throughput.
 */
public final class KafkaTickSink implements TickSink {

  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);
  private static final JsonCodec<ThesisTick> THESIS = JsonCodec.of(ThesisTick.class);

  private final KafkaProducer<String, byte[]> producer;
  private final String topic;
  private final boolean thesisFormat;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  public KafkaTickSink(String bootstrap, String topic, boolean thesisFormat) {
    this.topic = topic;
    this.thesisFormat = thesisFormat;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                10,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4",
                ProducerConfig.BUFFER_MEMORY_CONFIG,
                64L * 1024 * 1024,
                ProducerConfig.CLIENT_ID_CONFIG,
                "stocklambda-replay"),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  @Override
  public void send(Tick tick) {
    rethrow();
    byte[] value = thesisFormat ? THESIS.encode(ThesisTick.of(tick)) : TICKS.encode(tick);
    producer.send(
        new ProducerRecord<>(topic, tick.stock(), value),
        (metadata, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
  }

  @Override
  public void flush() {
    producer.flush();
    rethrow();
  }

  private void rethrow() {
    Exception e = failure.get();
    if (e != null) {
      throw new IllegalStateException("Kafka refused a tick: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
