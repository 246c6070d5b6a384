package io.stocklambda.core.window;

/** What a {@link Window} did with an offered tick. */
public enum Admission {
  /** Taken: it is the newest tick now. */
  ACCEPTED,
  /** Dropped: same date as the newest tick (a replay or a duplicate row). */
  DUPLICATE,
  /** Dropped: dated before the newest tick. */
  OUT_OF_ORDER
}
