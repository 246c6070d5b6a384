package io.stocklambda.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.core.dataset.Topics;
import io.stocklambda.core.json.MalformedRecordException;
import io.stocklambda.core.testing.Ticks;
import io.stocklambda.core.tick.Tick;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

  @Test
  void aRecordRoundTripsAndPoisonSaysWhy() {
    JsonSerde<Tick> serde = JsonSerde.of(Tick.class);
    Tick tick = Ticks.tick("ibm.us", "2017-11-10", 149.16);

    assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", tick))).isEqualTo(tick);
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", "{oops".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedRecordException.class);
  }

  @Test
  void deadLetterHeadersKeepTheOriginalsAndAddTheReason() {
    org.apache.kafka.common.header.Headers original = new RecordHeaders().add("trace", "abc".getBytes(StandardCharsets.UTF_8));

    var headers = DeadLetterHeaders.of(original, "not JSON", "ticks", 3, 42, "speed-layer");

    assertThat(new String(headers.lastHeader("trace").value(), StandardCharsets.UTF_8)).isEqualTo("abc");
    assertThat(new String(headers.lastHeader(Topics.HEADER_ERROR).value(), StandardCharsets.UTF_8)).isEqualTo("not JSON");
    assertThat(new String(headers.lastHeader(Topics.HEADER_SOURCE_OFFSET).value(), StandardCharsets.UTF_8)).isEqualTo("42");
  }
}
