package io.stocklambda.hdfs;

import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelLineage;
import io.stocklambda.core.model.RegistryEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The model registry in HDFS, the one place that reads and writes it: {@code models/<version>/}
 * holds a version's {@link MasterLayout#MODEL_FILES}, and {@code models/CURRENT} names the serving
 * version (a blank CURRENT counts as none). Used by the Spark jobs (training writes and promotes,
 * the batch view loads) and the {@code model} commands (list, current, export, publish).
 *
 * <p>Every read of an artifact validates it ({@link ModelArtifact#validate()}): a version whose
 * parameters are not all finite is refused here, before it reaches a scorer or the models topic.
 */
public final class ModelRegistry {

  /** The name of the history's directory under models/, which no version may take. */
  static final String HISTORY = "history";

  /** The word that stands for the CURRENT version where a version is asked for. */
  public static final String CURRENT = "current";

  /** The artifact's JSON form, as {@code model.json} and the models topic hold it. */
  public static final JsonCodec<ModelArtifact> ARTIFACTS = JsonCodec.of(ModelArtifact.class);

  static final JsonCodec<ModelLineage> LINEAGES = JsonCodec.of(ModelLineage.class);

  private final FileSystem fs;
  private final MasterLayout layout;

  public ModelRegistry(FileSystem fs, MasterLayout layout) {
    this.fs = fs;
    this.layout = layout;
  }

  /** The serving version, if one was ever promoted. */
  public Optional<String> current() {
    Path current = new Path(layout.currentModel());
    try {
      if (!fs.exists(current)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(current)) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
            .filter(v -> !v.isEmpty());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + qualified(current), e);
    }
  }

  /**
   * A version, or CURRENT's for {@code null} or {@value #CURRENT}.
   *
   * @throws IllegalArgumentException if no model is CURRENT yet
   */
  public String resolve(String version) {
    if (version != null && !version.equals(CURRENT)) {
      return MasterLayout.name("model version", version);
    }
    return current()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no model is CURRENT yet at "
                        + qualified(new Path(layout.models()))
                        + ": train one with 'stocklambda batch train'"));
  }

  /** Every version that has an artifact, oldest first (by the time it was written). */
  public List<String> versions() {
    Path models = new Path(layout.models());
    try {
      if (!fs.exists(models)) {
        return List.of();
      }
      // by the time each version's artifact was written (a directory's own time changes when a
      // file is added to it, e.g. RETIRED)
      List<FileStatus> artifacts = new ArrayList<>();
      for (FileStatus dir : fs.listStatus(models)) {
        Path artifact = new Path(dir.getPath(), MasterLayout.MODEL_FILE);
        if (dir.isDirectory() && fs.exists(artifact)) {
          artifacts.add(fs.getFileStatus(artifact));
        }
      }
      artifacts.sort(
          Comparator.comparingLong(FileStatus::getModificationTime)
              .thenComparing(f -> f.getPath().getParent().getName()));
      return artifacts.stream().map(f -> f.getPath().getParent().getName()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + qualified(models), e);
    }
  }

  /**
   * A version's artifact, validated.
   *
   * @param version a version, or {@value #CURRENT}
   * @throws IllegalArgumentException if there is no such version, or its artifact is not valid
   */
  public ModelArtifact load(String version) {
    return load(resolve(version), MasterLayout.MODEL_FILE);
  }

  /**
   * A version's evaluated fit ({@link MasterLayout#EVALUATED_FILE}), validated; for a version
   * trained before deployed refits existed, its served artifact, which was its evaluated fit.
   *
   * @param version a version, or {@value #CURRENT}
   * @throws IllegalArgumentException if there is no such version, or its artifact is not valid
   */
  public ModelArtifact loadEvaluated(String version) {
    String resolved = resolve(version);
    return file(resolved, MasterLayout.EVALUATED_FILE).isPresent()
        ? load(resolved, MasterLayout.EVALUATED_FILE)
        : load(resolved, MasterLayout.MODEL_FILE);
  }

  private ModelArtifact load(String resolved, String name) {
    Path file = new Path(layout.modelFile(resolved, name));
    try {
      if (!fs.exists(file)) {
        throw new IllegalArgumentException("no model " + resolved + " at " + qualified(file));
      }
      try (InputStream in = fs.open(file)) {
        return ARTIFACTS.decode(in.readAllBytes()).validate();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + qualified(file), e);
    }
  }

  /**
   * A file of a version ({@link MasterLayout#MODEL_FILES}) as written, or empty if the version
   * lacks it.
   */
  public Optional<byte[]> file(String version, String name) {
    Path file = new Path(layout.modelFile(resolve(version), name));
    try {
      if (!fs.exists(file)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(file)) {
        return Optional.of(in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + qualified(file), e);
    }
  }

  /**
   * Writes a version: its deployed and evaluated artifacts (validated first), lineage, evaluation
   * and report; the deployed artifact last, so a version listed ({@link #versions()}) is complete.
   * Rewriting a version replaces its files.
   *
   * @throws IllegalArgumentException if an artifact is not valid or the two name other versions
   */
  public void write(
      ModelArtifact artifact,
      ModelArtifact evaluated,
      ModelLineage lineage,
      byte[] evaluationJson,
      String reportHtml) {
    artifact.validate();
    evaluated.validate();
    if (artifact.version().equals(HISTORY)) {
      throw new IllegalArgumentException(
          "'" + HISTORY + "' is the registry's history directory, not a version name");
    }
    if (!artifact.version().equals(evaluated.version())) {
      throw new IllegalArgumentException(
          "deployed " + artifact.version() + " and evaluated " + evaluated.version() + " differ");
    }
    write(
        layout.modelFile(artifact.version(), MasterLayout.EVALUATED_FILE),
        ARTIFACTS.encode(evaluated));
    write(
        layout.modelFile(artifact.version(), MasterLayout.LINEAGE_FILE), LINEAGES.encode(lineage));
    write(layout.modelFile(artifact.version(), MasterLayout.EVALUATION_FILE), evaluationJson);
    write(
        layout.modelFile(artifact.version(), MasterLayout.REPORT_FILE),
        reportHtml.getBytes(StandardCharsets.UTF_8));
    write(
        layout.modelFile(artifact.version(), MasterLayout.MODEL_FILE), ARTIFACTS.encode(artifact));
  }

  /** The history of CURRENT and the retirements. */
  public RegistryHistory history() {
    return new RegistryHistory(fs, layout);
  }

  /** A version's lineage, if its training run wrote one. */
  public Optional<ModelLineage> lineage(String version) {
    return file(version, MasterLayout.LINEAGE_FILE).map(LINEAGES::decode);
  }

  /**
   * Makes a version the serving one: {@code CURRENT} is written aside and renamed into place, and
   * the event goes to the history with the version it replaced, the user and the reason.
   *
   * @param action {@link RegistryEvent.Action#PROMOTED} or {@link RegistryEvent.Action#ROLLED_BACK}
   * @throws IllegalArgumentException if the version has no artifact or was retired
   */
  public RegistryEvent promote(String version, RegistryEvent.Action action, String reason) {
    Path artifact =
        new Path(
            layout.modelFile(MasterLayout.name("model version", version), MasterLayout.MODEL_FILE));
    Path tmp = new Path(layout.models() + "/.CURRENT.tmp");
    Path current = new Path(layout.currentModel());
    try {
      if (!fs.exists(artifact)) {
        throw new IllegalArgumentException(
            "cannot promote " + version + ": no model at " + qualified(artifact));
      }
      history()
          .retirement(version)
          .ifPresent(
              r -> {
                throw new IllegalArgumentException(
                    "cannot promote "
                        + version
                        + ": retired on "
                        + r.at()
                        + " ("
                        + r.reason()
                        + ")");
              });
      RegistryEvent event =
          new RegistryEvent(
              java.time.Instant.now(), action, version, current().orElse(null), user(), reason);
      write(tmp.toString(), (version + "\n").getBytes(StandardCharsets.UTF_8));
      fs.delete(current, false);
      if (!fs.rename(tmp, current)) {
        throw new IOException("rename to " + current + " failed");
      }
      history().record(event);
      return event;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot promote " + version, e);
    }
  }

  /**
   * Retires a version: it can no longer be promoted, and a rollback skips it.
   *
   * @throws IllegalArgumentException if it is CURRENT or has no artifact
   */
  public RegistryEvent retire(String version, String reason) {
    String v = MasterLayout.name("model version", version);
    if (current().filter(v::equals).isPresent()) {
      throw new IllegalArgumentException(
          "cannot retire " + v + ": it is CURRENT; promote or roll back to another first");
    }
    load(v, MasterLayout.MODEL_FILE);
    RegistryEvent event =
        new RegistryEvent(
            java.time.Instant.now(), RegistryEvent.Action.RETIRED, v, null, user(), reason);
    history().retire(event);
    return event;
  }

  /** Who acts on the registry: Hadoop's current user, as HDFS sees it. */
  public static String user() {
    try {
      return org.apache.hadoop.security.UserGroupInformation.getCurrentUser().getShortUserName();
    } catch (IOException e) {
      return System.getProperty("user.name", "unknown");
    }
  }

  /** A path of the registry, with the file system's scheme and authority. */
  private String qualified(Path path) {
    return fs.makeQualified(path).toString();
  }

  private void write(String path, byte[] bytes) {
    try (OutputStream out = fs.create(new Path(path), true)) {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + qualified(new Path(path)), e);
    }
  }
}
