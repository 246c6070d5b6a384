package io.stocklambda.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineReaderTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "block {0}, keepOpen {1}")
  @CsvSource({"64,true", "64,false", "100,false", "65536,true"})
  void readsEveryLineWhateverTheBlockAndEndings(int block, boolean keepOpen) throws IOException {
    String longLine = "x".repeat(300); // longer than the smallest blocks: the block must grow
    Path file = write("a,1\r\nb,2\n\n" + longLine + "\r\nlast-without-newline");

    List<String> lines = new ArrayList<>();
    try (LineReader reader = new LineReader(file, block, keepOpen)) {
      for (String line; (line = reader.next()) != null; ) {
        lines.add(reader.lineNumber() + ":" + line);
      }
    }

    assertThat(lines)
        .containsExactly("1:a,1", "2:b,2", "3:", "4:" + longLine, "5:last-without-newline");
  }

  @ParameterizedTest(name = "block {0}")
  @CsvSource({"64", "4096"})
  void anEmptyFileHasNoLine(int block) throws IOException {
    Path file = write("");
    try (LineReader reader = new LineReader(file, block, false)) {
      assertThat(reader.next()).isNull();
      assertThat(reader.next()).isNull();
    }
  }

  private Path write(String text) throws IOException {
    Path file = dir.resolve("f.txt");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
