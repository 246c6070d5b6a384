package io.stocklambda.core.prediction;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.stocklambda.core.json.FieldReads;
import io.stocklambda.core.json.MalformedRecordException;
import java.io.IOException;
import java.time.LocalDate;

/**
 * Reads of a prediction record only what {@link PredictionJson#readResolved} needs: the call the
 * record carries in {@code resolved}, in full and by the mapper's {@link PredictionDeserializer}
 * (the values and refusals of {@link PredictionJson#read}), and of the record's own call the three
 * fields the carried call is checked against (its stock, its date, whether it is resolved). The
 * other fields of the record's own call (its closes, probability, model, time) are skipped without
 * converting their values: the serving layer's live scoreboard, which counts only resolved calls,
 * read every record in full beside the loader and took more CPU than the loader at 10,000 ticks/s
 * (a JFR profile, docs/benchmarks.md, issue 18).
 */
final class CarriedCallReader extends StdDeserializer<CarriedCallReader.Carrier>
    implements ResolvableDeserializer {

  private static final long serialVersionUID = 1L;

  /**
   * What a record says of its calls.
   *
   * @param stock its own call's stock, or null if the record has none
   * @param date its own call's date, or null if the record has none
   * @param resolved whether its own call is resolved (a non-null {@code actualUp})
   * @param carried the call it carries in {@code resolved}, or null
   */
  @JsonDeserialize(using = CarriedCallReader.class)
  record Carrier(String stock, LocalDate date, boolean resolved, Prediction carried) {}

  private PredictionDeserializer calls;
  private JsonDeserializer<Object> strings;
  private JsonDeserializer<Object> dates;
  private JsonDeserializer<Object> boxedBooleans;

  CarriedCallReader() {
    super(Carrier.class);
  }

  @Override
  public void resolve(DeserializationContext ctxt) throws JsonMappingException {
    calls =
        (PredictionDeserializer)
            (Object) ctxt.findRootValueDeserializer(ctxt.constructType(Prediction.class));
    strings = ctxt.findRootValueDeserializer(ctxt.constructType(String.class));
    dates = ctxt.findRootValueDeserializer(ctxt.constructType(LocalDate.class));
    boxedBooleans = ctxt.findRootValueDeserializer(ctxt.constructType(Boolean.class));
  }

  /**
   * @throws JsonMappingException with the field's path if the record's stock, date or {@code
   *     actualUp} cannot be read, as {@link PredictionDeserializer} refuses them
   * @throws MalformedRecordException if the carried call cannot be read: "the call carried in
   *     resolved: " and the reason
   */
  @Override
  public Carrier deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken t = FieldReads.firstField(p);
    if (t == null) {
      return (Carrier) ctxt.handleUnexpectedToken(Prediction.class, p);
    }
    String stock = null;
    LocalDate date = null;
    boolean resolved = false;
    Prediction carried = null;
    for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      try {
        switch (field) {
          case "stock" -> stock = FieldReads.string(strings, p, ctxt);
          case "date" -> date = FieldReads.read(dates, p, ctxt);
          case "actualUp" ->
              resolved =
                  v.isBoolean()
                      || v != JsonToken.VALUE_NULL
                          && FieldReads.read(boxedBooleans, p, ctxt) != null;
          case PredictionJson.RESOLVED -> carried = calls.carried(p, ctxt);
          default -> p.skipChildren();
        }
      } catch (MalformedRecordException e) {
        throw e; // the carried call's, its reason complete
      } catch (JsonMappingException | RuntimeException e) {
        throw JsonMappingException.wrapWithPath(e, Prediction.class, field);
      }
    }
    return new Carrier(stock, date, resolved, carried);
  }
}
