package io.stocklambda.serving.load;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a store write until it succeeds or the process stops: exponential backoff from 200 ms to
 * 30 s, a warning per failure, a line when the store is back. A loader never skips what it could
 * not write; it waits for the store, then catches up.
 */
final class Backoff {

  private static final Logger LOG = LoggerFactory.getLogger(Backoff.class);
  private static final long FIRST_MS = 200;
  private static final long MAX_MS = 30_000;

  interface Write {
    void run() throws Exception;
  }

  private Backoff() {}

  /**
   * @param whileWaiting called at least once a second while waiting (a consumer keeps its group
   *                     membership with it)
   * @return false if stopped before the write succeeded
   */
  static boolean untilDone(String store, String what, Write write, BooleanSupplier stopping, Runnable whileWaiting) {
    long wait = FIRST_MS;
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        if (attempt > 1) {
          LOG.info("{} is back: {} written after {} attempts", store, what, attempt);
        }
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (Exception e) {
        LOG.warn("{} write failed ({}), attempt {}; retrying in {}: {}", store, what, attempt, Duration.ofMillis(wait), e.toString());
      }
      long until = System.currentTimeMillis() + wait;
      while (System.currentTimeMillis() < until) {
        if (stopping.getAsBoolean()) {
          return false;
        }
        whileWaiting.run();
        try {
          Thread.sleep(Math.min(250, Math.max(1, until - System.currentTimeMillis())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      wait = Math.min(MAX_MS, wait * 2);
    }
  }
}
