package io.stocklambda.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoTimeDeserializersTest {

  /** The project's mapper before the fast readers: what they must agree with. */
  private static final ObjectMapper STANDARD =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  record Stamped(LocalDate date, Instant at) {}

  @Test
  void theFastReadersAreTheOnesTheMapperUsesAtTheRootAndForRecordComponents() throws Exception {
    ObjectMapper mapper = Json.mapper();
    DeserializationContext ctxt =
        ((DefaultDeserializationContext) mapper.getDeserializationContext())
            .createInstance(mapper.getDeserializationConfig(), null, null);
    assertThat(ctxt.findRootValueDeserializer(mapper.constructType(LocalDate.class)))
        .isInstanceOfSatisfying(
            IsoTimeDeserializers.Iso.class,
            d -> assertThat(d.handledType()).isEqualTo(LocalDate.class));
    assertThat(ctxt.findRootValueDeserializer(mapper.constructType(Instant.class)))
        .isInstanceOfSatisfying(
            IsoTimeDeserializers.Iso.class,
            d -> assertThat(d.handledType()).isEqualTo(Instant.class));
    BeanDeserializerBase record =
        (BeanDeserializerBase) ctxt.findRootValueDeserializer(mapper.constructType(Stamped.class));
    assertThat(record.findProperty("date").getValueDeserializer())
        .isInstanceOfSatisfying(
            IsoTimeDeserializers.Iso.class,
            d -> assertThat(d.handledType()).isEqualTo(LocalDate.class));
    assertThat(record.findProperty("at").getValueDeserializer())
        .isInstanceOfSatisfying(
            IsoTimeDeserializers.Iso.class,
            d -> assertThat(d.handledType()).isEqualTo(Instant.class));
    // a component with a pattern of its own is read by the standard reader, with its pattern
    BeanDeserializerBase patterned =
        (BeanDeserializerBase)
            ctxt.findRootValueDeserializer(mapper.constructType(Patterned.class));
    assertThat(patterned.findProperty("date").getValueDeserializer())
        .isNotInstanceOf(IsoTimeDeserializers.Iso.class);
    assertThat(mapper.readValue("{\"date\":\"10/11/2017\"}", Patterned.class).date())
        .isEqualTo(LocalDate.of(2017, 11, 10));
  }

  record Patterned(@JsonFormat(pattern = "dd/MM/yyyy") LocalDate date) {}

  @Test
  void canonicalDatesAndInstantsReadAsTheJdkParsesThem() {
    Random random = new Random(18);
    for (int i = 0; i < 100_000; i++) {
      LocalDate date = LocalDate.ofEpochDay(random.nextInt(3_652_059) - 719_528); // 0000-9999
      assertThat(IsoTimeDeserializers.parseDate(date.toString())).isEqualTo(date);
      int digits = random.nextInt(10);
      long nanos = digits == 0 ? 0 : random.nextInt(1_000_000_000);
      Instant instant = Instant.ofEpochSecond(date.toEpochDay() * 86_400 + random.nextInt(86_400));
      String text = instant.toString().replace("Z", "");
      if (digits > 0) {
        String fraction = String.format("%09d", nanos).substring(0, digits);
        text = text + "." + fraction;
      }
      text = text + "Z";
      assertThat(IsoTimeDeserializers.parseInstant(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void otherFormsAreLeftToTheStandardReader() {
    for (String text :
        List.of(
            "2017-1-10",
            "2017-02-30",
            "+10000-01-01",
            "2017-11-10T00:00:00",
            "2017/11/10",
            " 2017-11-10",
            "")) {
      assertThat(IsoTimeDeserializers.parseDate(text)).as(text).isNull();
    }
    for (String text :
        List.of(
            "2026-11-26T24:00:00Z",
            "2026-11-26T23:59:60Z",
            "2026-11-26T10:00:00.Z",
            "2026-11-26T10:00:00.1234567890Z",
            "2026-11-26t10:00:00Z",
            "2026-11-26T10:00:00+01:00",
            "2026-11-26T10:00Z",
            "2026-02-30T10:00:00Z",
            "+12026-11-26T10:00:00Z")) {
      assertThat(IsoTimeDeserializers.parseInstant(text)).as(text).isNull();
    }
  }

  @Test
  void theProjectsMapperReadsAndRefusesExactlyAsTheStandardOne() throws Exception {
    for (String json :
        List.of(
            "{\"date\":\"2017-11-10\",\"at\":\"2026-11-26T10:00:00.5Z\"}",
            "{\"date\":\"2017-11-10\",\"at\":\"2026-11-26T23:59:60Z\"}",
            "{\"date\":\"2017-11-10T00:00:00\",\"at\":1764150000}",
            "{\"date\":[2017,11,10],\"at\":1764150000.25}",
            "{\"date\":\"\",\"at\":\"2026-11-26T10:00:00+01:00\"}",
            "{\"date\":null,\"at\":null}",
            "{\"at\":\"2026-11-26T24:00:00Z\"}",
            "{\"at\":\"2026-11-26T10:00:00.Z\"}")) {
      assertThat(Json.mapper().readValue(json, Stamped.class))
          .as(json)
          .isEqualTo(STANDARD.readValue(json, Stamped.class));
    }
    for (String json :
        List.of("{\"date\":\"2017-02-30\"}", "{\"date\":\"2017-1-10\"}", "{\"date\":true}")) {
      Throwable expected = catchThrowable(() -> STANDARD.readValue(json, Stamped.class));
      assertThat(expected).as(json).isNotNull();
      assertThatThrownBy(() -> Json.mapper().readValue(json, Stamped.class))
          .as(json)
          .isInstanceOf(expected.getClass())
          .hasMessage(expected.getMessage());
    }
  }
}
