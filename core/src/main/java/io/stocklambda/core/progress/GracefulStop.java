package io.stocklambda.core.progress;

import java.time.Duration;

/**
 * Turns SIGINT/SIGTERM into a request a work loop polls, and holds the JVM's shutdown until the
 * loop has finished (flushed, committed, said where to resume), up to a grace period. Close it
 * when the loop is done.
 */
public final class GracefulStop implements AutoCloseable {

  private final Thread hook;
  private volatile boolean requested;

  private GracefulStop(Duration grace) {
    Thread worker = Thread.currentThread();
    this.hook = new Thread(() -> {
      requested = true;
      try {
        worker.join(grace.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "graceful-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** For the calling thread's work loop. */
  public static GracefulStop install(Duration grace) {
    return new GracefulStop(grace);
  }

  public boolean requested() {
    return requested;
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is waiting for the loop, which is done
    }
  }
}
