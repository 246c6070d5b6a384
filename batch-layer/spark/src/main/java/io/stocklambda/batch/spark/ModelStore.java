package io.stocklambda.batch.spark;

import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Models on HDFS: {@code models/<version>/model.json}, its report, and {@code models/CURRENT}. */
public final class ModelStore {

  static final JsonCodec<ModelArtifact> ARTIFACTS = JsonCodec.of(ModelArtifact.class);
  static final JsonCodec<Evaluation> EVALUATIONS = JsonCodec.of(Evaluation.class);

  private final FileSystem fs;
  private final MasterLayout layout;

  public ModelStore(FileSystem fs, MasterLayout layout) {
    this.fs = fs;
    this.layout = layout;
  }

  /** The serving version, if one was ever promoted. */
  public Optional<String> current() {
    try {
      Path current = new Path(layout.currentModel());
      if (!fs.exists(current)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(current)) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim()).filter(v -> !v.isEmpty());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + layout.currentModel(), e);
    }
  }

  /** @param version a version, or {@code current} */
  public ModelArtifact load(String version) {
    String resolved = version.equals("current")
        ? current().orElseThrow(() -> new IllegalArgumentException("no model is CURRENT yet: train one with 'stocklambda batch train'"))
        : version;
    Path file = new Path(layout.model(resolved) + "/model.json");
    try {
      if (!fs.exists(file)) {
        throw new IllegalArgumentException("no model " + resolved + " at " + fs.makeQualified(file));
      }
      try (InputStream in = fs.open(file)) {
        return ARTIFACTS.decode(in.readAllBytes()).validate();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public void write(ModelArtifact artifact, Evaluation evaluation, String report) {
    String dir = layout.model(artifact.version());
    write(dir + "/model.json", ARTIFACTS.encode(artifact));
    write(dir + "/evaluation.json", EVALUATIONS.encode(evaluation));
    write(dir + "/report.html", report.getBytes(StandardCharsets.UTF_8));
  }

  /** Makes a version the serving one: {@code CURRENT} is replaced in one rename. */
  public void promote(String version) {
    try {
      Path tmp = new Path(layout.models() + "/.CURRENT.tmp");
      write(tmp.toString(), (version + "\n").getBytes(StandardCharsets.UTF_8));
      Path current = new Path(layout.currentModel());
      fs.delete(current, false);
      if (!fs.rename(tmp, current)) {
        throw new IOException("rename to " + current + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot promote " + version, e);
    }
  }

  public String qualified(String path) {
    return fs.makeQualified(new Path(path)).toString();
  }

  private void write(String path, byte[] bytes) {
    try (OutputStream out = fs.create(new Path(path), true)) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }
}
