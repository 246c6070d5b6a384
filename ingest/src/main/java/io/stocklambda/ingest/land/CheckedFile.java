package io.stocklambda.ingest.land;

import io.stocklambda.core.csv.MalformedLineException;
import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.csv.TickReader;
import io.stocklambda.core.csv.TickSource;
import io.stocklambda.core.dataset.LandingManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** One input file after checking: its content checksum and what core's parser found in it. */
record CheckedFile(
    TickSource source,
    String relativePath,
    String sha256,
    long bytes,
    long rows,
    long malformedLines,
    List<MalformedLineException> samples,
    MalformedLineException failure) {

  static CheckedFile check(TickSource source, String relativePath, MalformedLinePolicy policy) {
    ParseReport report = new ParseReport();
    long rows = 0;
    MalformedLineException failure = null;
    try (TickReader reader = TickCsv.read(source, policy, report)) {
      while (reader.hasNext()) {
        reader.next();
        rows++;
      }
    } catch (MalformedLineException e) {
      failure = e;
    }
    try {
      return new CheckedFile(
          source,
          relativePath,
          sha256(source.path()),
          Files.size(source.path()),
          rows,
          report.malformedLines() + (failure != null ? 1 : 0),
          report.malformedSamples(),
          failure);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source.path(), e);
    }
  }

  boolean isEmpty() {
    return rows == 0 && malformedLines == 0;
  }

  String name() {
    return source.path().getFileName().toString();
  }

  /** The lines readers will skip, for the manifest. */
  List<LandingManifest.QuarantinedLine> quarantined() {
    return samples.stream()
        .map(e -> new LandingManifest.QuarantinedLine(e.line(), e.reason()))
        .toList();
  }

  String identity() {
    return name() + ":" + sha256;
  }

  private static String sha256(Path file) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }
}
