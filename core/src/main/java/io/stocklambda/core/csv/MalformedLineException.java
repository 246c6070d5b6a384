package io.stocklambda.core.csv;

import java.nio.file.Path;

/** A line that is not a valid tick, named by file and 1-based line number. */
public final class MalformedLineException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private static final int MAX_SHOWN = 120;

  private final transient Path file;
  private final long line;
  private final String reason;

  public MalformedLineException(Path file, long line, String reason, String text) {
    super(file + ":" + line + ": " + reason + " in '" + shorten(text) + "'");
    this.file = file;
    this.line = line;
    this.reason = reason;
  }

  public Path file() {
    return file;
  }

  public long line() {
    return line;
  }

  public String reason() {
    return reason;
  }

  private static String shorten(String text) {
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
  }
}
