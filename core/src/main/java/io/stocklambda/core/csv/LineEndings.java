package io.stocklambda.core.csv;

/**
 * The one line contract of tick files, followed by every reader of them: the landing check and the
 * replay (through {@link TickCsv}), the MapReduce input format of the batch layer, and what the
 * archiver writes.
 *
 * <ul>
 *   <li><b>LF ends a line</b>, and so does CRLF: a CR right before the LF belongs to the line end.
 *   <li><b>A lone CR is not a line end.</b> Concatenating Kaggle files and appending a {@code
 *       Stock} column leaves lines like {@code 1962-01-02,...,0\r,ibm.us}: one line, whose CR sits
 *       at a field's edge and is trimmed with the field's other white space. A CR inside a field
 *       makes the line malformed (reported with its file and line). Files that end their lines with
 *       a CR alone (classic Mac OS) are therefore read as one malformed line each.
 *   <li><b>A UTF-8 byte order mark</b> at the start of a file is dropped, before a header or a
 *       first data line alike.
 *   <li><b>The last line needs no line end.</b>
 *   <li>Blank lines are counted and skipped by the readers.
 * </ul>
 */
public final class LineEndings {

  /**
   * The record delimiter, for readers that split lines themselves (Hadoop's {@code
   * textinputformat.record.delimiter}).
   */
  public static final String DELIMITER = "\n";

  /** The byte order mark as a character, once decoded. */
  public static final char BOM = '\uFEFF';

  private LineEndings() {}

  /**
   * A line as split at {@link #DELIMITER}, made ready to parse: one trailing CR removed and, on a
   * file's first line, a byte order mark.
   *
   * @param line the text between two LFs (or the file's ends)
   * @param startOfFile whether the line starts at byte 0 of its file
   */
  public static String strip(String line, boolean startOfFile) {
    int start = startOfFile && !line.isEmpty() && line.charAt(0) == BOM ? 1 : 0;
    int end = line.length();
    if (end > start && line.charAt(end - 1) == '\r') {
      end--;
    }
    return start == 0 && end == line.length() ? line : line.substring(start, end);
  }
}
