package io.stocklambda.ingest.model;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.dataset.Topics;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.ingest.Hdfs;
import io.stocklambda.ingest.IngestCommand;
import io.stocklambda.kafka.KafkaTopics;
import io.stocklambda.kafka.TopicSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The models on HDFS: list them, and publish one to the compacted {@code models} topic for the speed layer. */
public final class ModelCommands {

  static final JsonCodec<ModelArtifact> ARTIFACTS = JsonCodec.of(ModelArtifact.class);

  private ModelCommands() {}

  /** Options both commands share. */
  abstract static class Base extends IngestCommand {
    @Option(name = "--hdfs", title = "hdfs", description = "File system of the dataset (default hdfs://127.0.0.1:8020)")
    String hdfs = Hdfs.DEFAULT_URI;

    @Option(name = "--root", title = "root", description = "Root of the dataset (default /stocklambda)")
    String root = MasterLayout.DEFAULT_ROOT;

    Optional<String> current(FileSystem fs, MasterLayout layout) throws IOException {
      Path current = new Path(layout.currentModel());
      if (!fs.exists(current)) {
        return Optional.empty();
      }
      try (InputStream in = fs.open(current)) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
      }
    }

    ModelArtifact load(FileSystem fs, MasterLayout layout, String version) throws IOException {
      Path file = new Path(layout.model(version) + "/model.json");
      if (!fs.exists(file)) {
        throw new IllegalArgumentException("no model " + version + " at " + fs.makeQualified(file));
      }
      try (InputStream in = fs.open(file)) {
        return ARTIFACTS.decode(in.readAllBytes());
      }
    }
  }

  /** {@code stocklambda model list}. */
  @Command(name = "list", description = "List the trained models with their test figures; the serving one is marked CURRENT")
  public static final class ListModels extends Base {
    @Override
    protected int execute() {
      MasterLayout layout = new MasterLayout(root);
      try (FileSystem fs = Hdfs.open(hdfs)) {
        Path models = new Path(layout.models());
        if (!fs.exists(models)) {
          System.out.println("no model yet: train one with 'stocklambda batch train'");
          return 0;
        }
        Optional<String> current = current(fs, layout);
        System.out.printf("%-18s %-24s %-8s %8s %12s  %s%n", "VERSION", "ALGORITHM", "FEATURES", "TEST AUC", "TEST WINDOWS", "");
        List<FileStatus> dirs = new ArrayList<>(List.of(fs.listStatus(models)));
        dirs.sort(java.util.Comparator.comparing(d -> d.getPath().getName()));
        for (FileStatus dir : dirs) {
          if (!dir.isDirectory() || !fs.exists(new Path(dir.getPath(), "model.json"))) {
            continue;
          }
          ModelArtifact a = load(fs, layout, dir.getPath().getName());
          System.out.printf("%-18s %-24s %-8s %8.4f %,12.0f  %s%n", a.version(), a.algorithm().id(), a.featureSpec().name(),
              a.metrics().getOrDefault("test.auc", Double.NaN), a.metrics().getOrDefault("test.windows", 0.0),
              current.filter(a.version()::equals).isPresent() ? "CURRENT" : "");
        }
        return 0;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * {@code stocklambda model current}: which model serves, and whether it is a given version. Run
   * as an Oozie java action with {@code <capture-output/>}, it also writes {@code current} and
   * {@code promoted} to the properties file Oozie names, for the workflow's decision node.
   */
  @Command(name = "current", description = "Print the CURRENT model version; with --is, whether that version is CURRENT (Oozie capture-output)")
  public static final class Current extends Base {
    /** The system property through which Oozie's java action names its output file. */
    static final String OOZIE_OUTPUT = "oozie.action.output.properties";

    @Option(name = "--is", title = "version", description = "A version to compare with the CURRENT one (e.g. the one just trained)")
    String is;

    @Override
    protected int execute() {
      MasterLayout layout = new MasterLayout(root);
      try (FileSystem fs = Hdfs.open(hdfs)) {
        String current = current(fs, layout).orElse("");
        boolean promoted = is != null && is.equals(current);
        System.out.println(current.isEmpty() ? "no model is CURRENT" : "CURRENT " + current);
        if (is != null) {
          System.out.println(promoted ? is + " is CURRENT" : is + " is not CURRENT");
        }
        String output = System.getProperty(OOZIE_OUTPUT);
        if (output != null) {
          java.util.Properties props = new java.util.Properties();
          props.setProperty("current", current);
          props.setProperty("promoted", Boolean.toString(promoted));
          try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(java.nio.file.Paths.get(output))) {
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
  @Command(name = "export", description = "Copy a model's model.json, evaluation.json and report.html (default CURRENT) to a local directory")
  public static final class Export extends Base {
    @Option(name = "--version", title = "version", description = "Model version (default: the CURRENT one)")
    String version;

    @Option(name = "--out", title = "out", description = "Local directory to write into (default: the current directory)")
    String out = ".";

    @Override
    protected int execute() {
      MasterLayout layout = new MasterLayout(root);
      try (FileSystem fs = Hdfs.open(hdfs)) {
        String chosen = version != null ? version : current(fs, layout)
            .orElseThrow(() -> new IllegalArgumentException("no model is CURRENT: give --version"));
        java.nio.file.Path dir = java.nio.file.Paths.get(out).resolve(chosen);
        java.nio.file.Files.createDirectories(dir);
        for (String file : List.of("model.json", "evaluation.json", "report.html")) {
          Path source = new Path(layout.model(chosen) + "/" + file);
          if (fs.exists(source)) {
            fs.copyToLocalFile(false, source, new Path(dir.resolve(file).toUri()), true);
          }
        }
        System.out.println("model " + chosen + " exported to " + dir.toAbsolutePath() + " (open report.html in a browser)");
        return 0;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code stocklambda model publish}. */
  @Command(name = "publish", description = "Publish a model (default CURRENT) to the compacted 'models' topic; the speed layer swaps to it without restart")
  public static final class Publish extends Base {
    @Option(name = "--version", title = "version", description = "Model version to publish (default: the CURRENT one)")
    String version;

    @Option(name = "--bootstrap", title = "bootstrap", description = "Kafka bootstrap servers (default 127.0.0.1:9092)")
    String bootstrap = "127.0.0.1:9092";

    @Override
    protected int execute() {
      MasterLayout layout = new MasterLayout(root);
      ModelArtifact artifact;
      try (FileSystem fs = Hdfs.open(hdfs)) {
        String chosen = version != null ? version : current(fs, layout)
            .orElseThrow(() -> new IllegalArgumentException("no model is CURRENT: train one with 'stocklambda batch train', or give --version"));
        artifact = load(fs, layout, chosen).validate();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      KafkaTopics.ensure(bootstrap, List.of(TopicSpec.models(Topics.MODELS)));
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
          ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TopicSpec.MODEL_BYTES),
          new StringSerializer(), new ByteArraySerializer())) {
        var metadata = producer.send(new ProducerRecord<>(Topics.MODELS, artifact.name(), ARTIFACTS.encode(artifact))).get(60, TimeUnit.SECONDS);
        System.out.printf("published model %s (%s, test AUC %.4f) as '%s' to %s at offset %d%n", artifact.version(), artifact.algorithm().id(),
            artifact.metrics().getOrDefault("test.auc", Double.NaN), artifact.name(), Topics.MODELS, metadata.offset());
        return 0;
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("cannot publish to " + Topics.MODELS + " at " + bootstrap + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 130;
      }
    }
  }
}
