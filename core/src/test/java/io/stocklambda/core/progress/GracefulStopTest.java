package io.stocklambda.core.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real JVM stopped by SIGTERM: its loop sees the request, finishes its work, and the process
 * exits as soon as it has, not when the grace period runs out.
 */
class GracefulStopTest {

  /** The stopped process: a loop under a 5-minute grace that takes a moment to finish. */
  public static final class Worker {
    public static void main(String[] args) throws Exception {
      try (GracefulStop stop = GracefulStop.install(Duration.ofMinutes(5))) {
        System.out.println("ready");
        while (!stop.requested()) {
          Thread.sleep(20);
        }
        Thread.sleep(300); // flushing, committing
        System.out.println("finished its work");
      }
      System.exit(0);
    }
  }

  @Test
  void aStoppedLoopFinishesItsWorkAndTheProcessExitsRightAfter() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process worker =
        new ProcessBuilder(
                List.of(java, "-cp", System.getProperty("java.class.path"), Worker.class.getName()))
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("ready");

    long start = System.nanoTime();
    worker.toHandle().destroy(); // SIGTERM, the streams left open
    boolean exited = worker.waitFor(30, TimeUnit.SECONDS);
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (!exited) {
      worker.destroyForcibly();
    }

    assertThat(exited).as("exited within 30 s of SIGTERM, not after the 5-minute grace").isTrue();
    assertThat(out.readLine()).isEqualTo("finished its work");
    assertThat(millis).as("stopped after %d ms", millis).isGreaterThanOrEqualTo(300);
  }
}
