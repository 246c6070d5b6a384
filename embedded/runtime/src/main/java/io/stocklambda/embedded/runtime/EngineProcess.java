package io.stocklambda.embedded.runtime;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The life cycle of one embedded engine in its own JVM.
 *
 * <p>{@code serve}: start the engine, poll its real client check until it passes (or the deadline
 * passes, and the process exits with 1), write the ready file, then run until SIGTERM, when the
 * engine is stopped cleanly and the ready file removed. {@code check}: run the client check once
 * against a running engine and exit 0 (healthy) or 1, printing what was seen.
 *
 * @param <C> the engine's typed configuration, read once from the arguments
 */
public abstract class EngineProcess<C> {

  private static final Duration CHECK_INTERVAL = Duration.ofMillis(250);

  /** Reads the typed configuration; bad arguments fail here. */
  protected abstract C configure(EngineArgs args);

  /** Starts the engine; returns when it is starting (not necessarily ready). */
  protected abstract void start(C config) throws Exception;

  /**
   * Reaches the engine with its real client and returns a one-line description of what was seen.
   *
   * @throws Exception if the engine is not ready or healthy
   */
  protected abstract String check(C config) throws Exception;

  /** Stops the engine cleanly. */
  protected abstract void stop() throws Exception;

  /** The ready file of this engine. */
  protected abstract Path readyFile(C config);

  /** How long the engine may take to become ready. */
  protected Duration startTimeout() {
    return Duration.ofMinutes(3);
  }

  /** Runs the given mode and exits the JVM with its status. */
  public final void run(String[] args) {
    EngineArgs parsed;
    C config;
    try {
      parsed = EngineArgs.parse(args);
      config = configure(parsed);
    } catch (IllegalArgumentException e) {
      System.err.println(getClass().getSimpleName() + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    if (parsed.mode() == EngineArgs.Mode.CHECK) {
      System.exit(checkOnce(config));
    }
    serve(config);
  }

  private int checkOnce(C config) {
    try {
      System.out.println(check(config));
      return 0;
    } catch (Exception e) {
      System.out.println("unhealthy: " + e);
      return 1;
    }
  }

  /**
   * SIGTERM and SIGINT are caught, not left to shutdown hooks: the engine is stopped on the main
   * thread while the JVM is whole (Hadoop's DataNode, for one, cannot stop inside a shutdown hook).
   */
  private void serve(C config) {
    Path ready = readyFile(config);
    ReadyFile.delete(ready);
    CountDownLatch stopRequested = new CountDownLatch(1);
    sun.misc.SignalHandler request = signal -> stopRequested.countDown();
    sun.misc.Signal.handle(new sun.misc.Signal("TERM"), request);
    sun.misc.Signal.handle(new sun.misc.Signal("INT"), request);
    String name = getClass().getSimpleName();
    int status = 0;
    try {
      start(config);
      String seen = awaitReady(config);
      long millis = ManagementFactory.getRuntimeMXBean().getUptime();
      ReadyFile.write(ready, ProcessHandle.current().pid(), millis);
      System.out.println(name + " ready in " + millis + " ms: " + seen);
      stopRequested.await();
      System.out.println(name + " stopping");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      System.err.println(name + " failed to start: " + e);
      e.printStackTrace();
      status = 1;
    } finally {
      ReadyFile.delete(ready);
      try {
        stop();
        System.out.println(name + " stopped");
      } catch (Exception e) {
        System.err.println(name + " did not stop cleanly: " + e);
        status = status == 0 ? 3 : status;
      }
    }
    System.exit(status);
  }

  private String awaitReady(C config) throws Exception {
    long deadline = System.nanoTime() + startTimeout().toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        return check(config);
      } catch (Exception e) {
        last = e;
        Thread.sleep(CHECK_INTERVAL.toMillis());
      }
    }
    throw new IllegalStateException(
        "not ready after " + startTimeout().toSeconds() + " s; last check said: " + last, last);
  }
}
