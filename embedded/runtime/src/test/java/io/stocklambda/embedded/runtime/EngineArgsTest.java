package io.stocklambda.embedded.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineArgsTest {

  @TempDir Path dir;

  @Test
  void roundTripsWhatTheStackWrites() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("dir", "/data/kafka");
    values.put("port", "9092");
    List<String> args = EngineArgs.of(EngineArgs.Mode.CHECK, values);

    EngineArgs parsed = EngineArgs.parse(args.toArray(String[]::new));

    assertThat(args).containsExactly("check", "--dir", "/data/kafka", "--port", "9092");
    assertThat(parsed.mode()).isEqualTo(EngineArgs.Mode.CHECK);
    assertThat(parsed.port("port")).isEqualTo(9092);
    assertThat(parsed.path("dir")).isEqualTo(Path.of("/data/kafka"));
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> EngineArgs.parse(new String[] {"run"}))
        .hasMessageContaining("unknown mode 'run'");
    assertThatThrownBy(() -> EngineArgs.parse(new String[] {"serve", "--port"}))
        .hasMessageContaining("--key value");
    assertThatThrownBy(
            () -> EngineArgs.parse(new String[] {"serve", "--port", "99999"}).port("port"))
        .hasMessageContaining("--port must be a port");
    assertThatThrownBy(() -> EngineArgs.parse(new String[] {"serve"}).string("dir"))
        .hasMessageContaining("missing --dir");
  }

  @Test
  void theReadyFileCarriesPidAndTimeAndGoesAway() {
    Path ready = dir.resolve("kafka/ready");
    assertThat(ReadyFile.read(ready)).isEmpty();

    ReadyFile.write(ready, 1234, 2862);

    assertThat(ReadyFile.read(ready))
        .hasValueSatisfying(r -> assertThat(r).containsExactly(1234, 2862));
    ReadyFile.delete(ready);
    assertThat(ReadyFile.read(ready)).isEmpty();
  }
}
