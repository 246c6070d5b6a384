package io.stocklambda.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void durationsReadAsUsersWriteThem() {
    assertThat(DemoClock.parseDuration("90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DemoClock.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DemoClock.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(DemoClock.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(DemoClock.parseDuration("PT2M")).isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> DemoClock.parseDuration("soon"))
        .hasMessageContaining("--duration must be like 90s");
    assertThatThrownBy(() -> DemoClock.parseDuration("0s")).hasMessageContaining("--duration");
  }

  @Test
  void withOozieTheDemoHasAnEighthStep() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    DemoClock plain = new DemoClock(new java.io.PrintStream(bytes, true), false);
    plain.step(7, "replay");
    assertThat(bytes.toString()).contains("[7/7] replay");
    assertThatThrownBy(() -> plain.step(8, "retraining")).hasMessageContaining("no step 8 of 7");
    DemoClock oozie = new DemoClock(new java.io.PrintStream(bytes, true), true);
    oozie.step(8, "retraining through Oozie");
    assertThat(bytes.toString()).contains("[8/8] retraining through Oozie");
  }
}
