package io.stocklambda.core.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private final AtomicLong now = new AtomicLong();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  private Progress progress(long total) {
    return new Progress(
        "landing",
        "MB",
        total,
        new PrintStream(bytes, true, StandardCharsets.UTF_8),
        false,
        Duration.ofSeconds(10),
        now::get);
  }

  @Test
  void reportsDoneTotalRateAndEta() {
    Progress p = progress(100);
    now.set(Duration.ofSeconds(5).toNanos());
    p.advance(25);

    assertThat(p.line()).isEqualTo("landing: 25 of 100 MB (25.0%), 5 MB/s, ETA 0:15");
  }

  @Test
  void printsOnlyWhenItIsTime() {
    Progress p = progress(0);
    now.set(Duration.ofSeconds(3).toNanos());
    p.advance(1);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();

    now.set(Duration.ofSeconds(11).toNanos());
    p.note("at 2009-03-02");
    p.advance(10);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("landing: 11 MB, 1 MB/s, at 2009-03-02" + System.lineSeparator());

    p.close();
    p.close();
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(2);
  }
}
