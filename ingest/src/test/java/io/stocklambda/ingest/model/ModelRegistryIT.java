package io.stocklambda.ingest.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.commands.ingest.ModelOptions;
import io.stocklambda.core.dataset.DatasetSnapshot;
import io.stocklambda.core.dataset.MasterLayout;
import io.stocklambda.core.dataset.Topics;
import io.stocklambda.core.feature.FeatureSpecs;
import io.stocklambda.core.feature.ReturnsFeatures;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelKeys;
import io.stocklambda.core.model.ModelLineage;
import io.stocklambda.core.model.RegistryEvent;
import io.stocklambda.core.testing.Models;
import io.stocklambda.embedded.stack.Endpoints;
import io.stocklambda.embedded.stack.Engine;
import io.stocklambda.embedded.stack.junit.EmbeddedStackTest;
import io.stocklambda.hdfs.Hdfs;
import io.stocklambda.hdfs.ModelRegistry;
import io.stocklambda.testsupport.CommittedRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The registry's commands against the real HDFS and Kafka: promote, roll back (twice), retire;
 * every change in the history with who and why, every new CURRENT published to the models topic.
 */
@EmbeddedStackTest({Engine.KAFKA, Engine.HDFS})
class ModelRegistryIT {

  @Test
  void promoteRollBackAndRetireAreRecordedAndPublished(Endpoints endpoints) throws IOException {
    String root = "/it-registry-" + UUID.randomUUID();
    MasterLayout layout = new MasterLayout(root);
    String tag = UUID.randomUUID().toString().substring(0, 8);
    List<String> versions = List.of("a-" + tag, "b-" + tag, "c-" + tag);
    try (FileSystem fs = Hdfs.open(endpoints.hdfsUri())) {
      ModelRegistry registry = new ModelRegistry(fs, layout);
      for (int i = 0; i < versions.size(); i++) {
        ModelArtifact a =
            Models.logistic(
                versions.get(i),
                FeatureSpecs.of(ReturnsFeatures.NAME, 5),
                0.01 * i,
                new double[11]);
        registry.write(a, a, lineage(versions.get(i)), "{}".getBytes(StandardCharsets.UTF_8), "");
      }
    }

    // Given three versions promoted in turn
    for (String v : versions) {
      run(promote(endpoints, root, v, "release " + v));
    }
    // When the last is rolled back, then rolled back again
    String first = run(rollback(endpoints, root));
    String second = run(rollback(endpoints, root));

    // Then CURRENT went c -> b -> a, each change published for the speed layer
    assertThat(first).contains(versions.get(1) + " is CURRENT", "replacing " + versions.get(2));
    assertThat(second).contains(versions.get(0) + " is CURRENT", "replacing " + versions.get(1));
    List<ConsumerRecord<byte[], byte[]>> records =
        CommittedRecords.read(
            endpoints.kafkaBootstrap(),
            Topics.MODELS,
            8,
            Duration.ofSeconds(30),
            Duration.ofSeconds(2));
    List<String> published =
        records.stream()
            .filter(r -> r.value() != null)
            .map(r -> ModelRegistry.ARTIFACTS.decode(r.value()).version())
            .filter(v -> v.endsWith(tag))
            .toList();
    assertThat(published)
        .containsExactly(
            versions.get(0), versions.get(1), versions.get(2), versions.get(1), versions.get(0));
    // and each promotion withdrew the version as a candidate (a tombstone on its candidate key)
    assertThat(
            records.stream()
                .filter(r -> r.value() == null)
                .map(r -> new String(r.key(), StandardCharsets.UTF_8))
                .filter(k -> k.endsWith(tag)))
        .containsExactlyElementsOf(
            versions.stream()
                .map(v -> ModelKeys.candidate(ModelArtifact.DEFAULT_NAME, v))
                .toList());

    try (FileSystem fs = Hdfs.open(endpoints.hdfsUri())) {
      ModelRegistry registry = new ModelRegistry(fs, layout);
      assertThat(registry.current()).contains(versions.get(0));
      List<RegistryEvent> events = registry.history().events();
      assertThat(events)
          .extracting(RegistryEvent::action, RegistryEvent::version, RegistryEvent::previous)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  RegistryEvent.Action.PROMOTED, versions.get(0), null),
              org.assertj.core.groups.Tuple.tuple(
                  RegistryEvent.Action.PROMOTED, versions.get(1), versions.get(0)),
              org.assertj.core.groups.Tuple.tuple(
                  RegistryEvent.Action.PROMOTED, versions.get(2), versions.get(1)),
              org.assertj.core.groups.Tuple.tuple(
                  RegistryEvent.Action.ROLLED_BACK, versions.get(1), versions.get(2)),
              org.assertj.core.groups.Tuple.tuple(
                  RegistryEvent.Action.ROLLED_BACK, versions.get(0), versions.get(1)));
      assertThat(events.get(0).reason()).isEqualTo("release " + versions.get(0));
      assertThat(events.get(0).by()).isEqualTo(ModelRegistry.user()).isNotBlank();

      // And a version that is CURRENT cannot be retired; another can, and is never promoted again
      assertThatThrownBy(() -> registry.retire(versions.get(0), "x"))
          .hasMessageContaining("it is CURRENT");
      registry.retire(versions.get(2), "leaks the future");
      assertThatThrownBy(
              () -> registry.promote(versions.get(2), RegistryEvent.Action.PROMOTED, "again"))
          .hasMessageContaining("retired");
      assertThatThrownBy(() -> run(rollback(endpoints, root)))
          .as("nothing served before the first version")
          .hasMessageContaining("nothing to roll back to");
    }

    // The listing shows status, who made each CURRENT and why, and the lineage
    ModelOptions.ListModels list = new RegistryCommands.ListModels();
    list.dataset.at(endpoints.hdfsUri(), root);
    list.full = true;
    list.bootstrap = endpoints.kafkaBootstrap();
    String listing = run((RegistryCommands.ListModels) list);
    assertThat(listing)
        .contains("CURRENT", "retired", "leaks the future", "rollback")
        .contains("training set: t-" + versions.get(1))
        .contains("1 landed batch(es) (last batch-1)", "code: 9.9.9 (git abc1234)");
    ModelOptions.History history = new RegistryCommands.History();
    history.dataset.at(endpoints.hdfsUri(), root);
    assertThat(run((RegistryCommands.History) history))
        .contains("rolled back", "retired", "release " + versions.get(2));
  }

  private static ModelLineage lineage(String version) {
    return new ModelLineage(
        version,
        "t-" + version,
        "hdfs://nn/r/batch/training/t-" + version,
        new DatasetSnapshot(List.of("batch-1"), null, null, 0, 3, 3000),
        "9.9.9 (git abc1234)",
        Map.of("cutoff", "2010-01-01"),
        "trainer",
        Instant.parse("2026-12-01T10:00:00Z"));
  }

  private static RegistryCommands.Promote promote(
      Endpoints endpoints, String root, String version, String reason) {
    RegistryCommands.Promote p = new RegistryCommands.Promote();
    p.dataset.at(endpoints.hdfsUri(), root);
    p.bootstrap = endpoints.kafkaBootstrap();
    p.version = version;
    p.reason = reason;
    return p;
  }

  private static RegistryCommands.Rollback rollback(Endpoints endpoints, String root) {
    RegistryCommands.Rollback r = new RegistryCommands.Rollback();
    r.dataset.at(endpoints.hdfsUri(), root);
    r.bootstrap = endpoints.kafkaBootstrap();
    return r;
  }

  /** Runs a command in this JVM, its standard output captured. */
  private static String run(io.stocklambda.commands.ComponentMain.Executable command) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(command.execute()).isZero();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
