package io.stocklambda.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.merge.TickMerger;
import io.stocklambda.core.testing.LineEndingCases;
import io.stocklambda.core.tick.Tick;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Core's readers follow the line contract: the landing check's (a whole file) and the replay's (a
 * merge in small blocks).
 */
class LineEndingsTest {

  @TempDir Path dir;

  static List<LineEndingCases> cases() {
    return LineEndingCases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theLandingChecksReaderFindsTheCasesTicks(LineEndingCases c) throws IOException {
    List<Tick> ticks = new ArrayList<>();
    try (TickReader reader =
        TickCsv.read(TickSource.of(write(c)), MalformedLinePolicy.FAIL, new ParseReport())) {
      reader.forEachRemaining(ticks::add);
    }
    assertThat(ticks).isEqualTo(c.ticks());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theReplaysMergeFindsTheCasesTicksEvenInTinyBlocks(LineEndingCases c) throws IOException {
    List<Tick> ticks = new ArrayList<>();
    try (TickMerger merger =
        TickMerger.open(
            List.of(TickSource.of(write(c))), MalformedLinePolicy.FAIL, new ParseReport(), 1)) {
      merger.forEachRemaining(ticks::add);
    }
    assertThat(ticks).isEqualTo(c.ticks());
  }

  @Test
  void stripDropsOneTrailingCrAndABomAtTheStartOfAFileOnly() {
    assertThat(LineEndings.strip("a,b\r", false)).isEqualTo("a,b");
    assertThat(LineEndings.strip("a\r,b\r", false)).isEqualTo("a\r,b");
    assertThat(LineEndings.strip("\uFEFFa,b\r", true)).isEqualTo("a,b");
    assertThat(LineEndings.strip("\uFEFFa,b", false)).isEqualTo("\uFEFFa,b");
    assertThat(LineEndings.strip("", true)).isEmpty();
  }

  @Test
  void aCrInsideAFieldMakesTheLineMalformedWithItsFileAndLine() throws IOException {
    Path file = dir.resolve("a.us.txt");
    Files.writeString(
        file,
        "Date,Open,High,Low,Close,Volume,OpenInt\n2017-01-03,1,2,0.5,1\r.5,100,0\n",
        StandardCharsets.UTF_8);
    ParseReport report = new ParseReport();
    try (TickReader reader = TickCsv.read(TickSource.of(file), MalformedLinePolicy.SKIP, report)) {
      assertThat(reader.hasNext()).isFalse();
    }
    assertThat(report.malformedSamples())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.file()).isEqualTo(file);
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.reason()).contains("bad close");
            });
  }

  private Path write(LineEndingCases c) throws IOException {
    Path file = dir.resolve(c.fileName());
    Files.write(file, c.content().getBytes(StandardCharsets.UTF_8));
    return file;
  }
}
