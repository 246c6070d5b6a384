package io.stocklambda.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A benchmark's results as written under {@code docs/bench/}: one CSV of the rows the table printed
 * (with the machine in a comment line), and its charts as PNG.
 */
final class Report {

  private final Path dir;
  private final String suite;

  Report(String dir, String suite) {
    this.dir = Paths.get(dir);
    this.suite = suite;
  }

  /** Writes {@code <suite>.csv}; returns its path. */
  Path csv(List<String> header, List<List<Object>> rows) {
    List<String> lines = new ArrayList<>();
    lines.add("# stocklambda bench " + suite + " on " + Machine.describe());
    lines.add(String.join(",", header));
    for (List<Object> row : rows) {
      lines.add(row.stream().map(Report::cell).collect(Collectors.joining(",")));
    }
    Path file = dir.resolve(suite + ".csv");
    try {
      Files.createDirectories(dir);
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  Path png(String name) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return dir.resolve(suite + "-" + name + ".png");
  }

  private static String cell(Object value) {
    if (value instanceof Double d) {
      return String.format(Locale.ROOT, "%.3f", d);
    }
    String text = String.valueOf(value);
    return text.contains(",") ? '"' + text + '"' : text;
  }
}
