package io.stocklambda.serving.load;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a store write until it succeeds or the process stops: exponential backoff from 200 ms to
 * 30 s, a warning per failure, a line when the store is back. A loader never skips what it could
 * not write; it waits for the store, then catches up. A {@link RejectedException} (the store will
 * refuse the same write again) is not retried: it is thrown to the caller at once.
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
   *     membership with it)
   * @return false if stopped before the write succeeded
   * @throws RejectedException when the store refused the write for good
   */
  static boolean untilDone(
      String store, String what, Write write, BooleanSupplier stopping, Runnable whileWaiting)
      throws RejectedException {
    return untilDone(store, what, write, stopping, whileWaiting, null);
  }

  /**
   * As {@link #untilDone(String, String, Write, BooleanSupplier, Runnable)}, giving up after {@code
   * limit} (null: never).
   *
   * @throws IllegalStateException with the last failure, once {@code limit} has passed
   */
  static boolean untilDone(
      String store,
      String what,
      Write write,
      BooleanSupplier stopping,
      Runnable whileWaiting,
      Duration limit)
      throws RejectedException {
    long wait = FIRST_MS;
    long giveUpAt = limit == null ? Long.MAX_VALUE : System.currentTimeMillis() + limit.toMillis();
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
      } catch (RejectedException e) {
        throw e;
      } catch (Exception e) {
        if (System.currentTimeMillis() + wait > giveUpAt) {
          throw new IllegalStateException(
              store
                  + " did not take "
                  + what
                  + " within "
                  + limit.toMinutes()
                  + " min ("
                  + attempt
                  + " attempts); last failure: "
                  + e,
              e);
        }
        LOG.warn(
            "{} write failed ({}), attempt {}; retrying in {}: {}",
            store,
            what,
            attempt,
            Duration.ofMillis(wait),
            e.toString());
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

  /**
   * As {@link #untilDone}, for a batch view's load, which is all or nothing: a store's refusal for
   * good fails the load with the store's reason, and the served view stays as it was.
   */
  static boolean untilDoneOrFail(
      String store, String what, Write write, BooleanSupplier stopping, Runnable whileWaiting) {
    try {
      return untilDone(store, what, write, stopping, whileWaiting);
    } catch (RejectedException e) {
      throw new IllegalStateException(
          store
              + " refused "
              + what
              + " for good ("
              + e.getMessage()
              + "); the served view is unchanged",
          e);
    }
  }
}
