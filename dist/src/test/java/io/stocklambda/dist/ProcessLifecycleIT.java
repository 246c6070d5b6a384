package io.stocklambda.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, case 9: a component JVM never outlives its launcher, and stops in bounded time even
 * when nothing it talks to answers. Each test runs {@code serving run} against ports where nothing
 * listens (its stores and broker are down), as a user whose stack is not up would.
 */
class ProcessLifecycleIT {

  private final Path work =
      Dist.HOME.getParent().resolve("lifecycle-it-" + UUID.randomUUID()).toAbsolutePath();
  private Process launcher;

  @AfterEach
  void cleanUp() {
    if (launcher != null) {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
    }
  }

  @Test
  void aComponentStopsWhenItsLauncherIsKilled() throws Exception {
    launcher = servingWithEverythingDown("killed.log");
    ProcessHandle child = child(launcher);
    assertThat(child.isAlive()).as("the component runs while its stores are unreachable").isTrue();

    launcher.destroyForcibly(); // SIGKILL: no shutdown hook of the launcher runs
    assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).isTrue();

    assertThat(child.onExit().completeOnTimeout(null, 25, TimeUnit.SECONDS).get())
        .as("the child exited")
        .isNotNull();
    assertThat(child.isAlive()).isFalse();
    assertThat(Files.readString(work.resolve("killed.log")))
        .contains("its launcher (pid " + launcher.pid() + ") is gone; stopping");
  }

  @Test
  void aComponentWhoseStoresAreDownStopsOnSigtermWithinItsDeadline() throws Exception {
    launcher = servingWithEverythingDown("stopped.log");
    ProcessHandle child = child(launcher);
    assertThat(child.isAlive()).isTrue();

    long started = System.nanoTime();
    launcher.destroy(); // SIGTERM, as Ctrl-C or a service manager would
    assertThat(launcher.waitFor(40, TimeUnit.SECONDS)).as("the launcher exits").isTrue();
    double seconds = (System.nanoTime() - started) / 1e9;

    assertThat(child.isAlive()).isFalse();
    assertThat(seconds)
        .as("stopped within the 15 s deadline, with margin for the JVMs")
        .isLessThan(25);
  }

  /**
   * {@code serving run} whose broker, ZooKeeper and Elasticsearch are ports where nothing listens.
   */
  private Process servingWithEverythingDown(String log) throws Exception {
    int[] ports = Dist.freePorts(4);
    Process p =
        Dist.start(
            work.resolve(log),
            "serving",
            "run",
            "--bootstrap",
            "127.0.0.1:" + ports[0],
            "--zookeeper",
            "127.0.0.1:" + ports[1],
            "--elasticsearch",
            "http://127.0.0.1:" + ports[2],
            "--port",
            "" + ports[3]);
    // give it time to be well into its attempts to reach the stores
    Thread.sleep(8_000);
    return p;
  }

  private static ProcessHandle child(Process launcher) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> child =
          launcher
              .descendants()
              .filter(
                  h ->
                      h.info()
                          .commandLine()
                          .map(c -> c.contains("io.stocklambda.serving.ServingMain"))
                          .orElse(false))
              .findFirst();
      if (child.isPresent()) {
        return child.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no serving JVM started under the launcher");
  }
}
