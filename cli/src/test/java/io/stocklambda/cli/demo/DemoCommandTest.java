package io.stocklambda.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void durationsReadAsUsersWriteThem() {
    assertThat(DemoCommand.parseDuration("90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DemoCommand.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DemoCommand.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(DemoCommand.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(DemoCommand.parseDuration("PT2M")).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> DemoCommand.parseDuration("soon")).hasMessageContaining("--duration must be like 90s");
    assertThatThrownBy(() -> DemoCommand.parseDuration("0s")).hasMessageContaining("--duration");
  }
}
