package io.stocklambda.core.progress;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The two rules every component JVM keeps about its own life, installed first thing in its {@code
 * main}:
 *
 * <ul>
 *   <li><b>It dies with its launcher.</b> The {@code stocklambda} launcher passes its pid as
 *       {@value #PARENT_PID}; when that process is gone (SIGKILL, the OOM killer, a closed
 *       terminal) the component shuts down as on SIGTERM, instead of running on orphaned with its
 *       ports and state directory. Without the property (a component started by hand) there is no
 *       watch.
 *   <li><b>It stops in bounded time.</b> Once shutdown starts (SIGINT, SIGTERM, the launcher gone,
 *       or {@code System.exit}), shutdown hooks get {@value #STOP_SECONDS} seconds (15 by default);
 *       then the JVM says which threads were still at work, and so what it could not finish, and
 *       halts. A store or broker that does not answer cannot hold a stop.
 * </ul>
 */
public final class ProcessLifecycle {

  /** System property: the pid of the launcher whose death stops this JVM. */
  public static final String PARENT_PID = "stocklambda.parent.pid";

  /** System property: seconds the shutdown hooks get before the JVM halts. */
  public static final String STOP_SECONDS = "stocklambda.stop.seconds";

  /** The default of {@value #STOP_SECONDS}. */
  public static final long DEFAULT_STOP_SECONDS = 15;

  /** Exit status when the launcher died: 128 + SIGHUP, as a shell reports a hung-up process. */
  static final int PARENT_GONE_STATUS = 129;

  /** Exit status when the shutdown overran its time: 128 + SIGKILL, as if killed. */
  static final int HALTED_STATUS = 137;

  private static boolean installed;

  private ProcessLifecycle() {}

  /**
   * Installs both rules for this JVM; {@code name} is the component's, for the messages.
   * Idempotent.
   */
  public static synchronized void install(String name) {
    if (installed) {
      return;
    }
    installed = true;
    Duration limit = Duration.ofSeconds(Long.getLong(STOP_SECONDS, DEFAULT_STOP_SECONDS));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> watchdog(name, limit), "stop-deadline"));
    String parent = System.getProperty(PARENT_PID);
    if (parent != null) {
      long pid = Long.parseLong(parent.trim());
      ProcessHandle.of(pid)
          .ifPresentOrElse(
              handle -> handle.onExit().thenRun(() -> parentGone(name, pid)),
              () -> parentGone(name, pid));
    }
  }

  private static void parentGone(String name, long pid) {
    System.err.printf("%s: its launcher (pid %d) is gone; stopping%n", name, pid);
    // exit on a thread of our own: System.exit blocks until the shutdown hooks are done
    Thread exit = new Thread(() -> System.exit(PARENT_GONE_STATUS), "launcher-gone");
    exit.setDaemon(true);
    exit.start();
  }

  /**
   * A shutdown hook's body: sleeps through the allowed time (as a daemon, so a quick stop is not
   * held), then halts.
   */
  private static void watchdog(String name, Duration limit) {
    Thread timer =
        new Thread(
            () -> {
              try {
                TimeUnit.MILLISECONDS.sleep(limit.toMillis());
              } catch (InterruptedException e) {
                return;
              }
              System.err.printf(
                  "%s did not stop within %d s; halting. Still at work: %s%n",
                  name, limit.toSeconds(), busyThreads());
              System.err.flush();
              Runtime.getRuntime().halt(HALTED_STATUS);
            },
            "stop-deadline-timer");
    timer.setDaemon(true);
    timer.start();
  }

  /** The live non-daemon threads other than the JVM's own, with the frame each is in. */
  static String busyThreads() {
    Map<Thread, StackTraceElement[]> traces = Thread.getAllStackTraces();
    String busy =
        traces.entrySet().stream()
            .filter(
                e ->
                    e.getKey().isAlive()
                        && !e.getKey().getName().startsWith("stop-deadline")
                        && !"DestroyJavaVM".equals(e.getKey().getName()))
            .filter(
                e ->
                    !e.getKey().isDaemon()
                        || e.getKey().getName().contains("shutdown")
                        || e.getKey().getName().startsWith("graceful-stop"))
            .map(
                e ->
                    e.getKey().getName()
                        + (e.getValue().length > 0 ? " (in " + e.getValue()[0] + ")" : ""))
            .sorted()
            .collect(Collectors.joining("; "));
    return busy.isEmpty() ? "no thread of its own" : busy;
  }
}
