package io.stocklambda.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/** The facts about this machine that a benchmark figure needs beside it. */
public final class Machine {

  private Machine() {}

  public static String describe() {
    Runtime rt = Runtime.getRuntime();
    return String.format(
        "%s; %d cores; %.1f GiB RAM; JVM %s %s, max heap %d MiB; %s %s",
        cpuModel(),
        rt.availableProcessors(),
        totalMemoryGiB(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        rt.maxMemory() >> 20,
        System.getProperty("os.name"),
        System.getProperty("os.version"));
  }

  private static String cpuModel() {
    return firstValue(Paths.get("/proc/cpuinfo"), "model name")
        .orElse(System.getProperty("os.arch"));
  }

  private static double totalMemoryGiB() {
    return firstValue(Paths.get("/proc/meminfo"), "MemTotal")
        .map(v -> Double.parseDouble(v.replace("kB", "").trim()) / (1024 * 1024))
        .orElse(Double.NaN);
  }

  private static java.util.Optional<String> firstValue(Path file, String key) {
    if (!Files.isReadable(file)) {
      return java.util.Optional.empty();
    }
    try (Stream<String> lines = Files.lines(file)) {
      return lines
          .filter(l -> l.startsWith(key))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }
}
