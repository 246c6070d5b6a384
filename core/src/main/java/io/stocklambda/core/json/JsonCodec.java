package io.stocklambda.core.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One generic JSON codec for every wire record ({@code JsonCodec.of(Tick.class)}), instead of a
 * hand-written pair per type. Kafka serdes, HDFS writers and HTTP handlers all wrap it.
 * Thread-safe.
 */
public final class JsonCodec<T> {

  private final Class<T> type;
  private final String name;
  private final ObjectReader reader;
  private final ObjectWriter writer;

  private JsonCodec(Class<T> type, String name) {
    this.type = type;
    this.name = name;
    this.reader = Json.mapper().readerFor(type);
    this.writer = Json.mapper().writerFor(type);
  }

  public static <T> JsonCodec<T> of(Class<T> type) {
    return new JsonCodec<>(type, type.getSimpleName());
  }

  /**
   * The same codec, naming the record {@code name} in its errors (a wrapper type read for one of
   * its fields is then named as what it holds).
   */
  public JsonCodec<T> named(String name) {
    return new JsonCodec<>(type, name);
  }

  public Class<T> type() {
    return type;
  }

  public byte[] encode(T value) {
    try {
      return writer.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + name + ": " + e.getOriginalMessage(), e);
    }
  }

  public String encodeToString(T value) {
    return new String(encode(value), StandardCharsets.UTF_8);
  }

  /**
   * @throws MalformedRecordException with a short reason when the bytes are not a valid record
   */
  public T decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new MalformedRecordException("empty record", null);
    }
    try {
      T value = reader.readValue(bytes);
      if (value == null) {
        throw new MalformedRecordException("null record", null);
      }
      return value;
    } catch (JacksonException e) {
      throw new MalformedRecordException(reason(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public T decode(String text) {
    return decode(text == null ? null : text.getBytes(StandardCharsets.UTF_8));
  }

  private String reason(JacksonException e) {
    return reason(name, e);
  }

  /**
   * The short reason {@link #decode} gives when Jackson refuses a record named {@code name}: {@code
   * "invalid <name> field '<path>': <message>"}, {@code "invalid <name>: <the record's refusal>"}
   * or {@code "not JSON: <message>"}; for a deserializer that reads a record within a record.
   */
  public static String reason(String name, JacksonException e) {
    if (e instanceof ValueInstantiationException vie && vie.getCause() != null) {
      return "invalid " + name + ": " + vie.getCause().getMessage();
    }
    Throwable cause = e.getCause();
    if (cause instanceof IllegalArgumentException iae) {
      return "invalid " + name + ": " + iae.getMessage();
    }
    if (e instanceof MismatchedInputException mie) {
      String path =
          mie.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
              .reduce((a, b) -> a + "." + b)
              .orElse("");
      return "invalid "
          + name
          + (path.isEmpty() ? "" : " field '" + path + "'")
          + ": "
          + firstLine(mie.getOriginalMessage());
    }
    return "not JSON: " + firstLine(e.getOriginalMessage());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    // Jackson's advice on its own settings means nothing to whoever reads a dead letter
    int advice = line.indexOf(" (set DeserializationConfig");
    return advice < 0 ? line : line.substring(0, advice);
  }
}
