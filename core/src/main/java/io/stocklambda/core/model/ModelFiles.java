package io.stocklambda.core.model;

import io.stocklambda.core.json.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A model artifact in a local file ({@code model.json}), as the benchmark's engines take it. */
public final class ModelFiles {

  private ModelFiles() {}

  /**
   * The file's JSON, once it has decoded and validated as a {@link ModelArtifact}: the text each
   * engine ships to its workers, which decode it again there.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws io.stocklambda.core.json.MalformedRecordException if it is not a model artifact
   * @throws IllegalArgumentException if the artifact does not validate
   */
  public static String readValidated(Path file) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    JsonCodec.of(ModelArtifact.class).decode(json.getBytes(StandardCharsets.UTF_8)).validate();
    return json;
  }
}
