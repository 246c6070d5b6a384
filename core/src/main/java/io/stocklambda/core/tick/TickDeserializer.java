package io.stocklambda.core.tick;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.stocklambda.core.json.FieldReads;
import java.io.IOException;

/**
 * A {@link Tick} read field by field in one pass, instead of by the mapper's generic reader through
 * {@link Tick}'s JSON creator, which buffers every field and finds each by name in a table: that
 * reader was 1.9 us of the speed layer's 17.3 us of CPU a tick at max rate ({@code bench speed
 * --cpu-profile}, docs/bench/issue18-session11), and every consumer of ticks pays it.
 *
 * <p>What is accepted and refused, and the reasons, stay the generic reader's ({@code
 * TickDeserializerTest} compares the two on valid records and on every field dropped, reordered or
 * replaced by values of 21 kinds): the tokens a tick's writer writes are read here, any other token
 * of a field goes to the mapper's own deserializer for the field's type (its coercions and its
 * errors, wrapped with the field's path), unknown fields are skipped, and {@link Tick#fromJson}
 * makes the tick, its refusal a {@link ValueInstantiationException} with its cause, as the
 * creator's was. The differences: a record that is not a JSON object is refused in Jackson's words
 * for an unexpected token rather than its words for a missing constructor; and a record with all
 * eight fields the creator takes is read to its end before the tick is made, where the generic
 * reader made the tick at the eighth field. So after the eighth, a repeated field keeps its last
 * value (the generic reader refused it as "not JSON"), and a fault later in the record is the
 * reason given even when the creator would refuse the values (the generic reader gave the creator's
 * reason). Registered on the record, so every reader of the project's mapper uses it.
 */
final class TickDeserializer extends StdDeserializer<Tick> implements ResolvableDeserializer {

  private static final long serialVersionUID = 1L;

  private JsonDeserializer<Object> strings;
  private JsonDeserializer<Object> doubles;
  private JsonDeserializer<Object> longs;

  TickDeserializer() {
    super(Tick.class);
  }

  @Override
  public void resolve(DeserializationContext ctxt) throws JsonMappingException {
    strings = ctxt.findRootValueDeserializer(ctxt.constructType(String.class));
    doubles = ctxt.findRootValueDeserializer(ctxt.constructType(Double.class));
    longs = ctxt.findRootValueDeserializer(ctxt.constructType(Long.class));
  }

  /**
   * Reads the object at the parser's current token (its start or its first field name) up to its
   * end.
   *
   * @throws JsonMappingException with the field's path if a field cannot be read, a {@link
   *     ValueInstantiationException} if {@link Tick#fromJson} refuses the values
   */
  @Override
  public Tick deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken t = FieldReads.firstField(p);
    if (t == null) {
      return (Tick) ctxt.handleUnexpectedToken(Tick.class, p);
    }
    String stock = null;
    String date = null;
    Double open = null;
    Double high = null;
    Double low = null;
    Double close = null;
    Double price = null;
    Long volume = null;
    for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      try {
        switch (field) {
          case "stock" -> stock = FieldReads.string(strings, p, ctxt);
          case "date" -> date = FieldReads.string(strings, p, ctxt);
          case "open" -> open = price(v, p, ctxt);
          case "high" -> high = price(v, p, ctxt);
          case "low" -> low = price(v, p, ctxt);
          case "close" -> close = price(v, p, ctxt);
          case "price" -> price = price(v, p, ctxt);
          case "volume" ->
              volume =
                  v == JsonToken.VALUE_NUMBER_INT
                          && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                      ? (Long) p.getLongValue()
                      : FieldReads.read(longs, p, ctxt);
          default -> p.skipChildren();
        }
      } catch (JsonMappingException | RuntimeException e) {
        throw JsonMappingException.wrapWithPath(e, Tick.class, field);
      }
    }
    try {
      return Tick.fromJson(stock, date, open, high, low, close, price, volume);
    } catch (RuntimeException e) {
      throw ValueInstantiationException.from(
          p, "cannot make a Tick: " + e.getMessage(), ctxt.constructType(Tick.class), e);
    }
  }

  /** A price as written (a JSON decimal), else as the mapper reads a {@code Double}. */
  private Double price(JsonToken v, JsonParser p, DeserializationContext ctxt) throws IOException {
    return v == JsonToken.VALUE_NUMBER_FLOAT
        ? (Double) p.getDoubleValue()
        : FieldReads.read(doubles, p, ctxt);
  }
}
