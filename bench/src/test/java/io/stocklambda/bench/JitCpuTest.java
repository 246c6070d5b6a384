package io.stocklambda.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JitCpuTest {

  @Test
  void aCompilerThreadsStatLineGivesItsUserPlusSystemTicks() {
    // fields after comm: state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt
    // utime stime ...
    String c2 = "4242 (C2 CompilerThre) S 1 1 1 0 -1 4194368 10 0 0 0 153 27 0 0 20 0 40 0 1 2 3";
    String c1 = "4243 (C1 CompilerThre) R 1 1 1 0 -1 4194368 10 0 0 0 5 1 0 0 20 0 40 0 1 2 3";
    assertThat(JitCpu.compilerTicks(c2)).isEqualTo(180);
    assertThat(JitCpu.compilerTicks(c1)).isEqualTo(6);
  }

  @Test
  void otherThreadsAreNoneOfItEvenWithParenthesesAndSpacesInTheirNames() {
    assertThat(
            JitCpu.compilerTicks(
                "77 (data-plane-kafk) S 1 1 1 0 -1 4194368 10 0 0 0 900 100 0 0 20 0 40 0 1 2 3"))
        .isEqualTo(-1);
    // a thread named "a) (C2 CompilerThre": comm runs to the last ')', so it starts with "a"
    assertThat(
            JitCpu.compilerTicks(
                "78 (a) (C2 CompilerThre) S 1 1 1 0 -1 4194368 10 0 0 0 900 100 0 0 20 0 40 0 1"))
        .isEqualTo(-1);
    // and one named "C2 CompilerThre) x (" is counted with the fields after its last ')'
    assertThat(
            JitCpu.compilerTicks(
                "79 (C2 CompilerThre) x () S 1 1 1 0 -1 4194368 10 0 0 0 900 100 0 0 20 0 40 0 1"))
        .isEqualTo(1_000);
  }

  @Test
  void aLineThatIsNotAStatLineIsRefused() {
    assertThatThrownBy(() -> JitCpu.compilerTicks("no stat line"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JitCpu.compilerTicks("4242 (C2 CompilerThre)"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JitCpu.compilerTicks("4242 (C2 CompilerThre) S 1 1 x y"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void samplesNotReadGiveNoFigureAndCoresAreFormattedSo() {
    Map<String, Long> some = Map.of("1/2", 5L);
    assertThat(JitCpu.coresBetween(null, some, 1_000_000_000L)).isNaN();
    assertThat(JitCpu.coresBetween(some, null, 1_000_000_000L)).isNaN();
    assertThat(JitCpu.coresBetween(Map.of(), some, 1_000_000_000L)).isEqualTo(0.05);
    assertThatThrownBy(() -> JitCpu.coresBetween(some, some, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(JitCpu.format(Double.NaN)).isEqualTo("?");
    assertThat(JitCpu.format(0.125)).isEqualTo("0.13");
  }

  @Test
  void thisJvmsCompilersHaveSpentTimeWithinItsCpuAndAnExitedProcessNone() throws Exception {
    assumeTrue(JitCpu.readable(), "needs Linux's /proc");
    // a test JVM has compiled for seconds by now: far over a clock tick
    long compiledMs = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    assumeTrue(compiledMs > 200, "this JVM has compiled for only " + compiledMs + " ms");
    Map<String, Long> none = Map.of();
    long wall = ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
    double cores = JitCpu.coresBetween(none, JitCpu.sample(ProcessHandle.current()), wall);
    double all =
        ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / (double) wall;
    assertThat(cores).isPositive().isLessThanOrEqualTo(all);
    Process done = new ProcessBuilder("true").start();
    done.waitFor();
    assertThat(JitCpu.sample(done.toHandle())).isEmpty();
  }
}
