package io.stocklambda.core.progress;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGINT/SIGTERM into a request a work loop polls, and holds the JVM's shutdown until the
 * loop has finished (flushed, committed, said where to resume), up to a grace period. Close it when
 * the loop is done: that releases the shutdown at once.
 *
 * <p>The shutdown waits for {@link #close()}, not for the loop's thread to end: that thread goes on
 * to {@code System.exit}, which blocks while shutdown hooks run, so waiting for it to end would
 * hold every stopped process for the whole grace period.
 */
public final class GracefulStop implements AutoCloseable {

  private final Thread hook;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean requested;

  private GracefulStop(Duration grace) {
    Thread worker = Thread.currentThread();
    this.hook =
        new Thread(
            () -> {
              requested = true;
              long deadline = System.nanoTime() + grace.toNanos();
              try {
                // a loop that dies without closing releases the shutdown too
                while (!done.await(100, TimeUnit.MILLISECONDS)
                    && worker.isAlive()
                    && System.nanoTime() < deadline) {
                  // waiting for the loop to finish
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "graceful-stop");
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
    done.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is waiting for the loop, which is done
    }
  }
}
