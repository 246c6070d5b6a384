package io.stocklambda.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
  void otherThreadsCountZeroEvenWithParenthesesAndSpacesInTheirNames() {
    assertThat(
            JitCpu.compilerTicks(
                "77 (data-plane-kafk) S 1 1 1 0 -1 4194368 10 0 0 0 900 100 0 0 20 0 40 0 1 2 3"))
        .isZero();
    // a thread may name itself "C2 CompilerThre) x (": comm ends at the last ')'
    assertThat(
            JitCpu.compilerTicks(
                "78 (a) (C2 CompilerThre) S 1 1 1 0 -1 4194368 10 0 0 0 900 100 0 0 20 0 40 0 1"))
        .isZero();
    assertThatThrownBy(() -> JitCpu.compilerTicks("no stat line"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thisJvmsCompilersHaveSpentTimeAndAnExitedProcessNone() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "needs Linux's /proc");
    // a few seconds of compiling in a test JVM: its compilers' time is far over a clock tick
    long compiledMs = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    assumeTrue(compiledMs > 200, "this JVM has compiled for only " + compiledMs + " ms");
    assertThat(JitCpu.of(ProcessHandle.current())).isGreaterThan(Duration.ZERO);
    Process done = new ProcessBuilder("true").start();
    done.waitFor();
    assertThat(JitCpu.of(done.toHandle())).isEqualTo(Duration.ZERO);
  }
}
