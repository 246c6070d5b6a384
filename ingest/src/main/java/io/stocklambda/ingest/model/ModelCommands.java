package io.stocklambda.ingest.model;

import io.stocklambda.commands.ComponentMain;
import io.stocklambda.commands.ingest.ModelOptions;
import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.dataset.Topics;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.hdfs.Hdfs;
import io.stocklambda.hdfs.ModelRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;

/**
 * The models on HDFS: which one serves, export one, publish one to the compacted {@code models}
 * topic for the speed layer (the registry's changes are {@link RegistryCommands}).
 */
public final class ModelCommands {

  static final JsonCodec<ModelArtifact> ARTIFACTS = JsonCodec.of(ModelArtifact.class);

  private ModelCommands() {}

  /**
   * {@code stocklambda model current}: which model serves, and whether it is a given version, as
   * {@code current=<version>} (empty if none) and, with {@code --is}, {@code promoted=true|false}
   * lines on stdout: the format an Oozie shell action with {@code <capture-output/>} reads. The
   * same properties go to the file named by {@code oozie.action.output.properties} if set (a java
   * action's protocol, which the local pipeline runner speaks).
   */
  public static final class Current extends ModelOptions.Current
      implements ComponentMain.Executable {
    @Override
    public int execute() {
      try (FileSystem fs = Hdfs.open(dataset.hdfs)) {
        String current = new ModelRegistry(fs, dataset.layout()).current().orElse("");
        boolean promoted = is != null && is.equals(current);
        // key=value lines: what an Oozie shell action with <capture-output/> reads from stdout
        System.out.println("current=" + current);
        if (is != null) {
          System.out.println("promoted=" + promoted);
        }
        String output = System.getProperty(OUTPUT_PROPERTY);
        if (output != null) {
          java.util.Properties props = new java.util.Properties();
          props.setProperty("current", current);
          props.setProperty("promoted", Boolean.toString(promoted));
          try (java.io.OutputStream out =
              java.nio.file.Files.newOutputStream(java.nio.file.Paths.get(output))) {
            props.store(out, "stocklambda model current");
          }
        }
        return 0;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code stocklambda model export}. */
  public static final class Export extends ModelOptions.Export implements ComponentMain.Executable {
    @Override
    public int execute() {
      try (FileSystem fs = Hdfs.open(dataset.hdfs)) {
        ModelRegistry registry = new ModelRegistry(fs, dataset.layout());
        String chosen = registry.resolve(version);
        java.nio.file.Path dir = java.nio.file.Paths.get(out).resolve(chosen);
        java.nio.file.Files.createDirectories(dir);
        for (String file : MasterLayout.MODEL_FILES) {
          Optional<byte[]> bytes = registry.file(chosen, file);
          if (bytes.isPresent()) {
            java.nio.file.Files.write(dir.resolve(file), bytes.get());
          }
        }
        System.out.println(
            "model "
                + chosen
                + " exported to "
                + dir.toAbsolutePath()
                + " (open report.html in a browser)");
        return 0;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code stocklambda model publish}. */
  public static final class Publish extends ModelOptions.Publish
      implements ComponentMain.Executable {
    @Override
    public int execute() {
      ModelArtifact artifact;
      try (FileSystem fs = Hdfs.open(dataset.hdfs)) {
        artifact = new ModelRegistry(fs, dataset.layout()).load(version);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      long offset = ModelPublisher.publish(bootstrap, artifact);
      System.out.printf(
          "published model %s (%s, test AUC %.4f) as '%s' to %s at offset %d%n",
          artifact.version(),
          artifact.algorithm().id(),
          artifact.metrics().getOrDefault("test.auc", Double.NaN),
          artifact.name(),
          Topics.MODELS,
          offset);
      return 0;
    }
  }
}
