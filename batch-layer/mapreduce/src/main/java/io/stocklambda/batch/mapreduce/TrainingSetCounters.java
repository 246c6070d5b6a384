package io.stocklambda.batch.mapreduce;

/** What the training-set job counts, shown at its end. */
public enum TrainingSetCounters {
  /** Valid ticks read. */
  TICKS,
  /** Lines that are not valid ticks: counted, logged (the first ones per task), skipped. */
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
