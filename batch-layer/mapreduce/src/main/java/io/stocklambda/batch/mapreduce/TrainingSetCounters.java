package io.stocklambda.batch.mapreduce;

/** What the training-set job counts, shown as it runs and at its end. */
public enum TrainingSetCounters {
  /** Bytes of input lines consumed by the mappers, terminators included: the job's progress. */
  INPUT_BYTES,
  /** Valid ticks read. */
  TICKS,
  /**
   * Lines that are not valid ticks (all lines of an unreadable file among them): counted, sampled,
   * skipped.
   */
  MALFORMED_LINES,
  HEADER_LINES,
  /** Files whose first line is neither a usable header nor data. */
  UNREADABLE_FILES,
  /** Ticks of a (stock, date) already seen from a newer source. */
  DUPLICATES,
  STOCKS,
  /** Lines written, labeled or not. */
  WINDOWS,
  /** Last windows of each stock, whose next close is not known yet. */
  UNLABELED_WINDOWS
}
