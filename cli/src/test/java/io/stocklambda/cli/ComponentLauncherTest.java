package io.stocklambda.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.cli.launch.ComponentLauncher;
import io.stocklambda.commands.Component;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComponentLauncherTest {

  @TempDir Path home;

  @Test
  void aComponentRunsWithItsOwnClasspathAndDefaultOptions() throws IOException {
    Files.createDirectories(home.resolve("lib/bench"));
    Files.createDirectories(home.resolve("conf"));
    Files.writeString(home.resolve("conf/logback.xml"), "<configuration/>");

    List<String> command =
        new ComponentLauncher(home, Map.of())
            .commandLine(Component.BENCH, List.of("bench", "parse"));

    assertThat(command.get(0)).endsWith("java");
    assertThat(command)
        .containsSubsequence(
            "-Xmx1g",
            "-Dstocklambda.home=" + home,
            "-Dlogback.configurationFile=" + home.resolve("conf/logback.xml"),
            "-cp",
            home.resolve("lib/bench") + "/*",
            "io.stocklambda.bench.BenchMain",
            "bench",
            "parse");
  }

  @Test
  void anEnvironmentVariableReplacesTheJvmOptions() throws IOException {
    Files.createDirectories(home.resolve("lib/bench"));

    List<String> command =
        new ComponentLauncher(home, Map.of("STOCKLAMBDA_BENCH_OPTS", " -Xmx48m  -Dx=y "))
            .commandLine(Component.BENCH, List.of());

    assertThat(command).contains("-Xmx48m", "-Dx=y").doesNotContain("-Xmx1g");
  }

  @Test
  void aMissingComponentDirectoryIsNamed() {
    assertThatThrownBy(
            () -> new ComponentLauncher(home, Map.of()).commandLine(Component.BENCH, List.of()))
        .hasMessageContaining("component bench is missing from the distribution");
  }
}
