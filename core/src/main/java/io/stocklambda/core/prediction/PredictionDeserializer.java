package io.stocklambda.core.prediction;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.stocklambda.core.json.FieldReads;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.json.MalformedRecordException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Prediction} read field by field, the reverse of {@link PredictionSerializer}, in one
 * pass over a record that also carries the call it resolved ({@link #read(JsonParser,
 * DeserializationContext, boolean)}, for {@link PredictionJson#read}). The mapper's generic reader
 * read such a record twice, once for the call and once for the carried call, and the serving
 * layer's decoding of predictions was 63 % of its CPU samples at 10,000 ticks/s ({@code bench
 * end-to-end}, a JFR profile, docs/benchmarks.md, issue 18).
 *
 * <p>What is accepted and refused stays the mapper's, and so do the reasons of a record with one
 * fault: the tokens the serializer writes are read here, any other token of a field goes to the
 * mapper's own deserializer for the field's type (coercions, dates in other forms, their errors,
 * wrapped with the field's path), a null or missing {@code probabilityUp} or {@code up} is refused
 * as the mapper refuses a null primitive, unknown fields are skipped, and the record's
 * constructor's refusal is a {@link ValueInstantiationException} with its cause. The differences: a
 * repeated field, which the generic reader refused as "not JSON" (no setter to fall back on), keeps
 * its last value, as Jackson reads a bean's field; a record that is not a JSON object is refused in
 * Jackson's words for an unexpected token rather than its words for a missing constructor; and of a
 * record with several faults, the first in the record's order is named (a carried call's before the
 * record's own refusal by its constructor, which the two-pass reader named first). Registered on
 * the record, so every reader of the project's mapper uses it.
 */
final class PredictionDeserializer extends StdDeserializer<Prediction>
    implements ResolvableDeserializer {

  private static final long serialVersionUID = 1L;

  /** A record's calls: its own and, if it carries one, the one it resolved (else null). */
  @JsonDeserialize(using = CallsReader.class)
  record Calls(Prediction call, Prediction resolved) {}

  /** Reads a record's {@link Calls} with the mapper's {@link PredictionDeserializer}. */
  static final class CallsReader extends StdDeserializer<Calls> implements ResolvableDeserializer {

    private static final long serialVersionUID = 1L;

    private PredictionDeserializer calls;

    CallsReader() {
      super(Calls.class);
    }

    @Override
    public void resolve(DeserializationContext ctxt) throws JsonMappingException {
      calls =
          (PredictionDeserializer)
              (Object) ctxt.findRootValueDeserializer(ctxt.constructType(Prediction.class));
    }

    @Override
    public Calls deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return calls.read(p, ctxt, true);
    }
  }

  private JsonDeserializer<Object> strings;
  private JsonDeserializer<Object> dates;
  private JsonDeserializer<Object> instants;
  private JsonDeserializer<Object> doubles;
  private JsonDeserializer<Object> boxedDoubles;
  private JsonDeserializer<Object> booleans;
  private JsonDeserializer<Object> boxedBooleans;
  private JsonDeserializer<Object> layers;
  private JsonDeserializer<Object> closeLists;

  PredictionDeserializer() {
    super(Prediction.class);
  }

  @Override
  public void resolve(DeserializationContext ctxt) throws JsonMappingException {
    strings = ctxt.findRootValueDeserializer(ctxt.constructType(String.class));
    dates = ctxt.findRootValueDeserializer(ctxt.constructType(LocalDate.class));
    instants = ctxt.findRootValueDeserializer(ctxt.constructType(Instant.class));
    doubles = ctxt.findRootValueDeserializer(ctxt.constructType(double.class));
    boxedDoubles = ctxt.findRootValueDeserializer(ctxt.constructType(Double.class));
    booleans = ctxt.findRootValueDeserializer(ctxt.constructType(boolean.class));
    boxedBooleans = ctxt.findRootValueDeserializer(ctxt.constructType(Boolean.class));
    layers = ctxt.findRootValueDeserializer(ctxt.constructType(Layer.class));
    closeLists =
        ctxt.findRootValueDeserializer(
            ctxt.getTypeFactory().constructCollectionType(List.class, Double.class));
  }

  @Override
  public Prediction deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    return read(p, ctxt, false).call();
  }

  /**
   * Reads the object at the parser's current token (its start or its first field name) up to its
   * end.
   *
   * @param carrying whether the field {@code resolved} holds a call to read too (else it is skipped
   *     as unknown)
   * @throws JsonMappingException with the field's path if a field cannot be read, a {@link
   *     ValueInstantiationException} if the record refuses the values
   * @throws MalformedRecordException if {@code carrying} and the carried call cannot be read: "the
   *     call carried in resolved: " and the reason
   */
  Calls read(JsonParser p, DeserializationContext ctxt, boolean carrying) throws IOException {
    JsonToken t = FieldReads.firstField(p);
    if (t == null) {
      return new Calls((Prediction) ctxt.handleUnexpectedToken(Prediction.class, p), null);
    }
    String stock = null;
    String modelVersion = null;
    LocalDate date = null;
    List<Double> closes = null;
    Double probabilityUp = null;
    Boolean up = null;
    Layer layer = null;
    Instant scoredAt = null;
    Boolean actualUp = null;
    Boolean correct = null;
    Prediction resolved = null;
    for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      try {
        switch (field) {
          case "stock" -> stock = FieldReads.string(strings, p, ctxt);
          case "date" -> date = FieldReads.read(dates, p, ctxt);
          case "closes" -> closes = closes(p, ctxt);
          case "probabilityUp" ->
              probabilityUp = v.isNumeric() ? p.getDoubleValue() : prim(doubles, p, ctxt, "double");
          case "up" ->
              up = v.isBoolean() ? v == JsonToken.VALUE_TRUE : prim(booleans, p, ctxt, "boolean");
          case "modelVersion" -> modelVersion = FieldReads.string(strings, p, ctxt);
          case "layer" -> layer = FieldReads.read(layers, p, ctxt);
          case "scoredAt" -> scoredAt = FieldReads.read(instants, p, ctxt);
          case "actualUp" ->
              actualUp =
                  v.isBoolean()
                      ? v == JsonToken.VALUE_TRUE
                      : FieldReads.read(boxedBooleans, p, ctxt);
          case "correct" ->
              correct =
                  v.isBoolean()
                      ? v == JsonToken.VALUE_TRUE
                      : FieldReads.read(boxedBooleans, p, ctxt);
          case PredictionJson.RESOLVED -> {
            if (carrying) {
              resolved = carried(p, ctxt);
            } else {
              p.skipChildren();
            }
          }
          default -> p.skipChildren();
        }
      } catch (MalformedRecordException e) {
        throw e; // the carried call's, its reason complete
      } catch (JsonMappingException | RuntimeException e) {
        // a RuntimeException too: java-time's readers throw DateTimeException for some tokens
        // (jackson-modules-java8#382), which the generic reader wrapped with the field's path
        throw JsonMappingException.wrapWithPath(e, Prediction.class, field);
      }
    }
    if (probabilityUp == null) {
      throw missing(p, "probabilityUp", "double");
    }
    if (up == null) {
      throw missing(p, "up", "boolean");
    }
    try {
      return new Calls(
          new Prediction(
              stock,
              date,
              closes,
              probabilityUp,
              up,
              modelVersion,
              layer,
              scoredAt,
              actualUp,
              correct),
          resolved);
    } catch (RuntimeException e) {
      throw ValueInstantiationException.from(
          p,
          "cannot make a Prediction: " + e.getMessage(),
          ctxt.constructType(Prediction.class),
          e);
    }
  }

  /**
   * The call a record carries, or null; a refusal names the field, as the two-pass reader did.
   *
   * @throws MalformedRecordException "the call carried in resolved: " and the reason
   */
  Prediction carried(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    try {
      return read(p, ctxt, false).call();
    } catch (JsonMappingException e) {
      JsonMappingException at = JsonMappingException.wrapWithPath(e, Calls.class, "resolved");
      throw new MalformedRecordException(
          "the call carried in resolved: " + JsonCodec.reason("Prediction", at), e);
    }
  }

  /**
   * A JSON array of numbers, read here; anything else as the mapper reads a {@code List<Double>}.
   */
  @SuppressWarnings("unchecked")
  private List<Double> closes(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      return FieldReads.read(closeLists, p, ctxt);
    }
    List<Double> closes = new ArrayList<>(8);
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      try {
        closes.add(
            t.isNumeric()
                ? (Double) p.getDoubleValue()
                : t == JsonToken.VALUE_NULL
                    ? null
                    : (Double) FieldReads.read(boxedDoubles, p, ctxt));
      } catch (JsonMappingException | RuntimeException e) {
        throw JsonMappingException.wrapWithPath(e, closes, closes.size());
      }
    }
    return closes;
  }

  /**
   * A primitive field in another token than the serializer's; a JSON null is refused at once, as
   * the mapper refuses it (FAIL_ON_NULL_FOR_PRIMITIVES).
   */
  @SuppressWarnings("unchecked")
  private static <T> T prim(
      JsonDeserializer<Object> deserializer, JsonParser p, DeserializationContext ctxt, String type)
      throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      throw nullPrimitive(p, type);
    }
    return (T) deserializer.deserialize(p, ctxt);
  }

  /** The mapper's refusal of a null primitive, in its words. */
  private static MismatchedInputException nullPrimitive(JsonParser p, String type) {
    return MismatchedInputException.from(
        p, Prediction.class, "Cannot map `null` into type `" + type + "`");
  }

  /** The mapper's refusal of a missing primitive creator property. */
  private static JsonMappingException missing(JsonParser p, String field, String type) {
    return JsonMappingException.wrapWithPath(nullPrimitive(p, type), Prediction.class, field);
  }
}
