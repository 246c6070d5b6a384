package io.stocklambda.core.csv;

/** What a reader does with a line that is not a valid tick. */
public enum MalformedLinePolicy {
  /** Stop with a {@link MalformedLineException} naming file and line. The default. */
  FAIL,
  /** Count the line in the {@link ParseReport}, keep a sample of it, and go on. */
  SKIP
}
