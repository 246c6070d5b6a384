package io.stocklambda.kafka;

import io.stocklambda.core.json.JsonCodec;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One generic Kafka serde for every record ({@code JsonSerde.of(Prediction.class)}) over core's
 * codec. Deserializing a malformed record throws core's {@code MalformedRecordException}, whose
 * reason goes into a dead-letter header.
 */
public final class JsonSerde<T> implements Serde<T> {

  private final JsonCodec<T> codec;

  private JsonSerde(Class<T> type) {
    this.codec = JsonCodec.of(type);
  }

  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type);
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : codec.encode(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
  }
}
