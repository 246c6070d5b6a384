package io.stocklambda.core.testing;

import static io.stocklambda.core.testing.Ticks.bar;

import io.stocklambda.core.tick.Tick;
import java.util.List;

/**
 * The line endings of core's contract ({@code io.stocklambda.core.csv.LineEndings}), one file each,
 * with the ticks every reader must find in it: the landing check and the replay (core's readers)
 * and the batch layer's MapReduce reader are each tested on every case.
 *
 * @param fileName the file's name (its symbol, when it has no Stock column)
 * @param content its bytes, as text
 */
public record LineEndingCases(String name, String fileName, String content, List<Tick> ticks) {

  private static final String HEADER = "Date,Open,High,Low,Close,Volume,OpenInt";
  private static final Tick A1 = bar("a.us", "2017-01-03", 1, 2, 0.5, 1.5, 100);
  private static final Tick A2 = bar("a.us", "2017-01-04", 1.5, 2, 1, 1.75, 200);

  public static List<LineEndingCases> all() {
    return List.of(
        new LineEndingCases(
            "LF",
            "a.us.txt",
            HEADER + "\n2017-01-03,1,2,0.5,1.5,100,0\n2017-01-04,1.5,2,1,1.75,200,0\n",
            List.of(A1, A2)),
        new LineEndingCases(
            "CRLF",
            "a.us.txt",
            HEADER + "\r\n2017-01-03,1,2,0.5,1.5,100,0\r\n2017-01-04,1.5,2,1,1.75,200,0\r\n",
            List.of(A1, A2)),
        // what concatenating Kaggle files and appending ",<stock>" makes: each line keeps its CR
        // before the new column
        new LineEndingCases(
            "lone CR before an appended Stock column",
            "data.csv",
            HEADER
                + ",Stock\r\n"
                + "2017-01-03,1,2,0.5,1.5,100,0\r,a.us\r\n2017-01-03,5,6,4,5.5,10,0\r,ge.us\r\n2017-01-04,1.5,2,1,1.75,200,0\r,a.us\r\n",
            List.of(A1, bar("ge.us", "2017-01-03", 5, 6, 4, 5.5, 10), A2)),
        new LineEndingCases(
            "BOM before a headerless file's first date",
            "a.us.txt",
            "\uFEFF2017-01-03,1,2,0.5,1.5,100,0\n2017-01-04,1.5,2,1,1.75,200,0\n",
            List.of(A1, A2)),
        new LineEndingCases(
            "BOM before a header",
            "a.us.txt",
            "\uFEFF" + HEADER + "\r\n2017-01-03,1,2,0.5,1.5,100,0\r\n",
            List.of(A1)),
        new LineEndingCases(
            "no line end after the last line",
            "a.us.txt",
            HEADER + "\r\n2017-01-03,1,2,0.5,1.5,100,0\r\n2017-01-04,1.5,2,1,1.75,200,0",
            List.of(A1, A2)));
  }

  @Override
  public String toString() {
    return name;
  }
}
