package io.stocklambda.core.json;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the ISO forms the project writes, {@code "2017-11-10"} and {@code
 * "2026-11-26T16:11:27.123Z"}, without a {@link java.time.format.DateTimeFormatter}, and hands
 * anything else to jackson-datatype-jsr310's own deserializers, so what is accepted, what is
 * refused and the reasons given stay theirs. The formatter's parse (a map of fields per value) was
 * half the serving layer's CPU at 10,000 predictions a second ({@code bench end-to-end}, a JFR
 * profile, issue 18), as it decoded every prediction twice (the loader and the live scoreboard).
 */
final class IsoTimeDeserializers {

  private IsoTimeDeserializers() {}

  /**
   * The two deserializers, registered after {@code JavaTimeModule} so that they take precedence.
   */
  static SimpleModule module() {
    return new SimpleModule("stocklambda-iso-time")
        .addDeserializer(
            LocalDate.class,
            new Iso<>(
                LocalDate.class, LocalDateDeserializer.INSTANCE, IsoTimeDeserializers::parseDate))
        .addDeserializer(
            Instant.class,
            new Iso<>(
                Instant.class, InstantDeserializer.INSTANT, IsoTimeDeserializers::parseInstant));
  }

  /**
   * {@code yyyy-MM-dd}, a valid date of years 0000 to 9999; null for any other text (other forms,
   * an invalid day), which the standard deserializer then reads or refuses.
   */
  static LocalDate parseDate(String text) {
    if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    if (year < 0 || month < 0 || day < 0) {
      return null;
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss} with 0 to 9 fraction digits and {@code Z}, hours 00-23 and seconds
   * 00-59 (ISO_INSTANT's leap second 60 is left to the standard reader); null for anything else.
   */
  static Instant parseInstant(String text) {
    int n = text.length();
    if (n < 20
        || text.charAt(n - 1) != 'Z'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    LocalDate date = parseDate(text.substring(0, 10));
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (date == null || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0) {
      return null;
    }
    if (second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      int fraction = n - 21; // between the '.' at 19 and the 'Z'
      if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
        return null;
      }
      nanos = digits(text, 20, fraction);
      if (nanos < 0) {
        return null;
      }
      for (int i = fraction; i < 9; i++) {
        nanos *= 10;
      }
    }
    long epochSecond = date.toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second;
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  /** Whether a format leaves the ISO reading as it is. */
  static boolean plain(JsonFormat.Value format) {
    return format == null
        || (!format.hasPattern()
            && !format.hasLenient()
            && !format.hasLocale()
            && !format.hasTimeZone()
            && format.getFeatures().equals(JsonFormat.Features.empty())
            && (format.getShape() == null || format.getShape() == JsonFormat.Shape.ANY));
  }

  /** The value of {@code count} ASCII digits from {@code from}, or -1 if one is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** A fast reader of one ISO form, for strings the standard reader would read the same. */
  @FunctionalInterface
  interface Parse<T> extends java.io.Serializable {
    /** The value, or null to leave the text to the standard deserializer. */
    T parse(String text);
  }

  /**
   * Reads a string in the plain ISO form with {@code fast}; any other token or text, and every
   * property with a format of its own, with the standard deserializer.
   */
  static final class Iso<T> extends StdScalarDeserializer<T> implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;
    private final JsonDeserializer<T> standard;
    private final Parse<T> fast;

    Iso(Class<T> type, JsonDeserializer<T> standard, Parse<T> fast) {
      super(type);
      this.standard = standard;
      this.fast = fast;
    }

    /**
     * This reader where no format applies; the standard one, configured, where a property or the
     * mapper sets a pattern, a shape, leniency, a locale or a time zone (none in the project).
     */
    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
        throws JsonMappingException {
      return plain(findFormatOverrides(ctxt, property, handledType()))
          ? this
          : ((ContextualDeserializer) standard).createContextual(ctxt, property);
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.hasToken(JsonToken.VALUE_STRING)) {
        T value = fast.parse(p.getText());
        if (value != null) {
          return value;
        }
      }
      return standard.deserialize(p, ctxt);
    }
  }
}
