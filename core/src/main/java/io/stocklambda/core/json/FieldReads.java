package io.stocklambda.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;

/**
 * What the project's one-pass record readers (of ticks and of predictions) share: a record's first
 * field, and a field's value read as written or else by the mapper's own deserializer for its type,
 * so that what is accepted and refused stays the mapper's.
 */
public final class FieldReads {

  private FieldReads() {}

  /**
   * The token after an object's start, where a reader's field loop begins, or null if the parser is
   * not at an object (its start, a field name or its end): the caller then refuses the record.
   */
  public static JsonToken firstField(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      return p.nextToken();
    }
    return t == JsonToken.FIELD_NAME || t == JsonToken.END_OBJECT ? t : null;
  }

  /** A string field: its text if it is a JSON string, else as {@code strings} reads it. */
  public static String string(
      JsonDeserializer<Object> strings, JsonParser p, DeserializationContext ctxt)
      throws IOException {
    return p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : read(strings, p, ctxt);
  }

  /** A reference-typed field: null for a JSON null, else what the type's deserializer reads. */
  @SuppressWarnings("unchecked")
  public static <T> T read(
      JsonDeserializer<Object> deserializer, JsonParser p, DeserializationContext ctxt)
      throws IOException {
    return p.currentToken() == JsonToken.VALUE_NULL ? null : (T) deserializer.deserialize(p, ctxt);
  }
}
