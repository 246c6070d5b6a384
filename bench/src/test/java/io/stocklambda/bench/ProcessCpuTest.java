package io.stocklambda.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCpuTest {

  @Test
  void coresAreCpuTimeOverWallTimeAndAComponentMissingBeforeCountsFromZero() {
    ProcessCpu.Reading before =
        new ProcessCpu.Reading(0, Map.of("speed", Duration.ofMillis(1_000)));
    ProcessCpu.Reading after =
        new ProcessCpu.Reading(
            2_000_000_000L,
            Map.of("speed", Duration.ofMillis(2_500), "serving", Duration.ofMillis(500)));
    Map<String, Double> cores = after.coresSince(before);
    assertThat(cores.get("speed")).isCloseTo(0.75, within(1e-9));
    assertThat(cores.get("serving")).isCloseTo(0.25, within(1e-9));
    assertThatThrownBy(() -> before.coresSince(after)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thisJvmsCpuTimeGrowsAtLeastByWhatOneOfItsThreadsSpent() {
    Map<String, Supplier<Stream<ProcessHandle>>> components = new LinkedHashMap<>();
    components.put("bench", () -> Stream.of(ProcessHandle.current()));
    components.put("nothing", Stream::empty);
    ProcessCpu cpu = new ProcessCpu(components);
    assertThat(cpu.names()).containsExactly("bench", "nothing");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    ProcessCpu.Reading before = cpu.read();
    long threadStart = threads.getCurrentThreadCpuTime();
    double sink = 0;
    while (threads.getCurrentThreadCpuTime() - threadStart < 300_000_000L) {
      sink += Math.sqrt(sink + 1);
    }
    long spent = threads.getCurrentThreadCpuTime() - threadStart;
    ProcessCpu.Reading after = cpu.read();
    assertThat(sink).isPositive();
    // the process's time is read in clock ticks (10 ms on Linux)
    assertThat(after.cpu().get("bench").minus(before.cpu().get("bench")).toNanos())
        .isGreaterThanOrEqualTo(spent - 20_000_000L);
    assertThat(after.cpu().get("nothing")).isEqualTo(Duration.ZERO);
  }

  @Test
  void theCompilersCoresCountEachThreadsTicksSinceTheEarlierReadingOnly() {
    ProcessCpu.Reading before =
        new ProcessCpu.Reading(
            0,
            Map.of("speed", Duration.ofSeconds(9)),
            Map.of("10/11", 100L, "10/12", 20L, "20/21", 500L));
    ProcessCpu.Reading after =
        new ProcessCpu.Reading(
            4_000_000_000L,
            Map.of("speed", Duration.ofSeconds(12)),
            // 10/12 stopped in between (its time is missed, not subtracted); 30/31 started since
            Map.of("10/11", 160L, "20/21", 520L, "30/31", 20L));
    // (60 + 20 + 20) ticks of 10 ms over 4 s
    assertThat(after.jitCoresSince(before)).isCloseTo(0.25, within(1e-9));
    assertThatThrownBy(() -> before.jitCoresSince(after))
        .isInstanceOf(IllegalArgumentException.class);
    // read without the compilers: unknown, not zero
    assertThat(new ProcessCpu.Reading(1, Map.of()).jitCoresSince(before)).isNaN();
  }

  @Test
  void aReadingHasThisJvmsCompilerThreads() {
    assumeTrue(JitCpu.readable(), "needs Linux's /proc");
    ProcessCpu cpu = new ProcessCpu(Map.of("bench", () -> Stream.of(ProcessHandle.current())));
    ProcessCpu.Reading reading = cpu.read();
    // HotSpot keeps at least one compiler thread
    assertThat(reading.jit().keySet())
        .allMatch(k -> k.startsWith(ProcessHandle.current().pid() + "/"))
        .isNotEmpty();
  }

  @Test
  void cpuPerTickIsAboveIdleAndCapacityIsTheCoresLeftOverIt() {
    EndToEndCpu.Row idle = new EndToEndCpu.Row(0, 0, 10, Map.of("a", 0.1, "b", 0.1));
    // 1.2 cores for 25 s: 1.0 above idle, 25 CPU-s for 25,000 ticks
    EndToEndCpu.Row run = new EndToEndCpu.Row(1_000, 25_000, 25, Map.of("a", 0.7, "b", 0.5));
    assertThat(run.cpuMsPer1000Ticks(idle)).isCloseTo(1_000, within(1e-6));
    assertThat(run.capacity(idle, 2)).isCloseTo(1_800, within(1e-6));
    assertThat(idle.cpuMsPer1000Ticks(idle)).isNaN();
    assertThat(idle.capacity(idle, 2)).isNaN();
  }

  @Test
  void theReportHasARowForIdleAndEachRate(@TempDir Path dir) throws Exception {
    EndToEndCpu.Row idle = new EndToEndCpu.Row(0, 0, 10, Map.of("speed", 0.05, "kafka", 0.15));
    EndToEndCpu.Row run =
        new EndToEndCpu.Row(100, 2_500, 25, Map.of("speed", 0.15, "kafka", 0.3), 0.125);
    Path csv = EndToEndCpu.report(List.of("speed", "kafka"), idle, List.of(run), 2, dir.toString());
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(1))
        .isEqualTo(
            "rate,ticks,seconds,speed_cores,kafka_cores,total_cores,jit_cores,cpu_ms_per_1000_ticks,capacity_ticks_per_s");
    // the idle row was read without the compilers' share
    assertThat(lines.get(2)).isEqualTo("0,0,10.000,0.050,0.150,0.200,,,");
    // 0.25 cores above idle for 25 s over 2,500 ticks: 2,500 ms per 1,000; (2 - 0.2) / 2.5 ms
    assertThat(lines.get(3)).isEqualTo("100,2500,25.000,0.150,0.300,0.450,0.125,2500,720");
  }

  @Test
  void anEngineIsItsJavaProcessesNamingItsDirectoryAndALayerCountsWithItsChildren(@TempDir Path dir)
      throws Exception {
    Path stack = dir.resolve("stack");
    String java = ProcessHandle.current().info().command().orElseThrow();
    String classes =
        Path.of(BurnThenSleep.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    String burn = BurnThenSleep.class.getName();
    List<Process> started = new ArrayList<>();
    try {
      // a Java process of the kafka engine, as the stack starts it: its command line names its dir
      Process kafka =
          start(
              started,
              dir,
              java,
              "-Dengine.dir=" + stack.resolve("kafka"),
              "-cp",
              classes,
              burn,
              "500");
      // naming the hdfs engine's directory, but not Java
      start(started, dir, "sh", "-c", "sleep 60; :", stack.resolve("hdfs").toString());
      // a layer: a launcher script whose Java child, doing the work, starts after ofRun
      Process layer =
          start(
              started,
              dir,
              "sh",
              "-c",
              "sleep 1; \"$0\" -cp \"$1\" \"$2\" 500; :",
              java,
              classes,
              burn);
      ProcessCpu cpu = ProcessCpu.ofRun(Map.of("speed", layer), stack);
      assertThat(cpu.names())
          .containsExactly("bench", "speed", "kafka", "hdfs", "hbase", "elasticsearch");
      assertThat(ProcessMemory.engineProcesses(stack, "kafka").map(ProcessHandle::pid))
          .containsExactly(kafka.pid());
      assertThat(ProcessMemory.engineProcesses(stack, "hdfs")).isEmpty();
      Duration burnt = Duration.ofMillis(500);
      long deadline = System.nanoTime() + 30_000_000_000L;
      ProcessCpu.Reading reading = cpu.read();
      while ((reading.cpu().get("kafka").compareTo(burnt) < 0
              || reading.cpu().get("speed").compareTo(burnt) < 0)
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
        reading = cpu.read();
      }
      assertThat(kafka.isAlive()).as(Files.readString(dir.resolve("0.log"))).isTrue();
      assertThat(reading.cpu().get("kafka")).isGreaterThanOrEqualTo(burnt);
      assertThat(reading.cpu().get("speed"))
          .as(Files.readString(dir.resolve("2.log")))
          .isGreaterThanOrEqualTo(burnt);
      assertThat(reading.cpu().get("hdfs")).isEqualTo(Duration.ZERO);
      assertThat(reading.cpu().get("hbase")).isEqualTo(Duration.ZERO);
      // this JVM alone, not the children it started
      assertThat(reading.cpu().get("bench"))
          .isLessThanOrEqualTo(ProcessHandle.current().info().totalCpuDuration().orElseThrow());
    } finally {
      for (Process p : started) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
      }
    }
  }

  /** Starts a child process, its output to {@code <dir>/<n>.log}, n counting from 0. */
  private static Process start(List<Process> started, Path dir, String... command)
      throws IOException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(started.size() + ".log").toFile())
            .start();
    started.add(process);
    return process;
  }

  /** Spends {@code args[0]} ms of CPU, then sleeps a minute (a test's child process). */
  static final class BurnThenSleep {
    public static void main(String[] args) throws InterruptedException {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long until = threads.getCurrentThreadCpuTime() + Long.parseLong(args[0]) * 1_000_000L;
      double sink = 0;
      while (threads.getCurrentThreadCpuTime() < until) {
        sink += Math.sqrt(sink + 1);
      }
      System.out.println(sink);
      Thread.sleep(60_000);
    }
  }
}
