package io.stocklambda.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ComponentMainTest {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int status(ComponentMain.Body body, String... args) {
    return ComponentMain.status(
        "speed", args, body, new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aUsageErrorIsOneLineAndExitTwo() {
    assertThat(
            status(
                a -> {
                  throw new IllegalArgumentException("--window must be at least 2, was 1");
                }))
        .isEqualTo(2);
    assertThat(err())
        .isEqualTo("stocklambda: --window must be at least 2, was 1" + System.lineSeparator());
  }

  @Test
  void aFailureNamesTheComponentAndEveryCauseOnOneLineWithoutAStackTrace() {
    assertThat(
            status(
                a -> {
                  throw new IllegalStateException(
                      "cannot publish the model",
                      new UncheckedIOException(
                          "Kafka unreachable", new ConnectException("Connection refused")));
                }))
        .isEqualTo(1);
    assertThat(err().lines())
        .containsExactly(
            "stocklambda speed: cannot publish the model: Kafka unreachable: Connection refused",
            "(run with --verbose for the stack trace)");
  }

  @Test
  void verboseAddsTheStackTraceAndIsNotPassedToTheCommand() {
    String[] seen = new String[1];
    assertThat(
            status(
                a -> {
                  seen[0] = String.join(" ", a);
                  throw new IllegalStateException("boom");
                },
                "speed",
                "run",
                "--verbose"))
        .isEqualTo(1);
    assertThat(seen[0]).isEqualTo("speed run");
    assertThat(err())
        .startsWith("stocklambda speed: boom")
        .contains("\tat io.stocklambda.commands.ComponentMainTest");
  }

  @Test
  void theCommandsOwnStatusIsTheExitStatus() {
    assertThat(status(a -> 1)).isEqualTo(1);
    assertThat(status(a -> 0)).isZero();
    assertThat(err()).isEmpty();
  }
}
