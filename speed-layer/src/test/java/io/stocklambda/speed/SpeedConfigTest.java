package io.stocklambda.speed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SpeedConfigTest {

  @Test
  void streamsSettingsGoOverTheSpeedLayersOwnAndTheLastOfAKeyWins() {
    Map<String, String> overrides =
        SpeedConfig.parseOverrides(
            List.of(
                "producer.compression.type=zstd",
                "producer.linger.ms = 10",
                "producer.compression.type=none"));

    Properties p = ScoringTopology.streamsConfig(withOverrides(overrides));

    assertThat(p.get("producer.compression.type")).isEqualTo("none");
    assertThat(p.get("producer.linger.ms")).isEqualTo("10");
    assertThat(p).as("no unprefixed compression given").doesNotContainKey("compression.type");
    assertThat(p.get("processing.guarantee")).isEqualTo("exactly_once_v2");
  }

  @Test
  void anUnprefixedSettingReplacesOurPrefixedDefaultSoThatItTakesEffect() {
    Properties p =
        ScoringTopology.streamsConfig(
            withOverrides(Map.of("compression.type", "lz4", "max.poll.records", "500")));

    assertThat(p.get("compression.type")).isEqualTo("lz4");
    assertThat(p).doesNotContainKeys("producer.compression.type", "consumer.max.poll.records");
    assertThat(p.get("producer.linger.ms")).as("other defaults stay").isEqualTo(5);
  }

  @Test
  void aSettingWithoutValueOrOneWithAnOptionOfItsOwnIsRefused() {
    assertThatThrownBy(() -> SpeedConfig.parseOverrides(List.of(" =x")))
        .hasMessageStartingWith("--streams-config takes key=value");
    assertThatThrownBy(() -> SpeedConfig.parseOverrides(List.of("linger")))
        .hasMessage("--streams-config takes key=value (a Kafka Streams setting), not 'linger'");
    assertThatThrownBy(() -> withOverrides(Map.of("processing.guarantee", "at_least_once")))
        .hasMessage(
            "--streams-config cannot set processing.guarantee: the speed layer is exactly once");
  }

  /** The defaults with these Kafka Streams settings. */
  private static SpeedConfig withOverrides(Map<String, String> overrides) {
    SpeedConfig d = SpeedConfig.defaults("b:9092", Path.of("state"));
    return new SpeedConfig(
        d.bootstrap(),
        d.applicationId(),
        d.instance(),
        d.stateDir(),
        d.threads(),
        d.windowSize(),
        d.commitIntervalMs(),
        d.modelName(),
        d.ticksTopic(),
        d.predictionsTopic(),
        d.dlqTopic(),
        d.modelsTopic(),
        d.driftTopic(),
        d.driftInterval(),
        overrides);
  }
}
