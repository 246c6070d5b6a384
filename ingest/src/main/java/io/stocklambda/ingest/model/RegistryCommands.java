package io.stocklambda.ingest.model;

import io.stocklambda.commands.ComponentMain;
import io.stocklambda.commands.DatasetLocation;
import io.stocklambda.commands.ingest.ModelOptions;
import io.stocklambda.core.dataset.Topics;
import io.stocklambda.core.eval.LiveScoreboard;
import io.stocklambda.core.model.CurrentHistory;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.RegistryEvent;
import io.stocklambda.hdfs.Hdfs;
import io.stocklambda.hdfs.ModelRegistry;
import io.stocklambda.kafka.PredictionOutcomes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.fs.FileSystem;

/**
 * The registry's commands: list the versions with their lineage, show the history of CURRENT,
 * promote, roll back, retire. A change of CURRENT is recorded in the history and published to the
 * {@code models} topic, so the speed layer follows it at once.
 */
public final class RegistryCommands {

  private RegistryCommands() {}

  /** {@code stocklambda model list}. */
  public static final class ListModels extends ModelOptions.ListModels
      implements ComponentMain.Executable {
    @Override
    public int execute() {
      return withRegistry(
          dataset,
          registry -> {
            List<String> names = registry.versions();
            if (names.isEmpty()) {
              System.out.println("no model yet: train one with 'stocklambda batch train'");
              return 0;
            }
            Optional<String> current = registry.current();
            List<RegistryListing.Version> versions = new ArrayList<>();
            for (String name : names) {
              versions.add(
                  new RegistryListing.Version(
                      registry.load(name),
                      registry.lineage(name).orElse(null),
                      registry.history().retirement(name).orElse(null),
                      current.filter(name::equals).isPresent()));
            }
            RegistryListing.list(
                versions, registry.history().events(), shadow(bootstrap), full, System.out);
            return 0;
          });
    }
  }

  /** {@code stocklambda model history}. */
  public static final class History extends ModelOptions.History
      implements ComponentMain.Executable {
    @Override
    public int execute() {
      return withRegistry(
          dataset,
          registry -> {
            RegistryListing.history(registry.history().events(), System.out);
            return 0;
          });
    }
  }

  /** {@code stocklambda model promote}. */
  public static final class Promote extends ModelOptions.Promote
      implements ComponentMain.Executable {
    @Override
    public int execute() {
      if (minShadowOutcomes > 0) {
        LiveScoreboard.Row live = shadowOutcomes(bootstrap, Duration.ofMinutes(2)).shadow(version);
        long resolved = live == null ? 0 : live.resolved();
        if (resolved < minShadowOutcomes) {
          throw new IllegalArgumentException(
              String.format(
                  "%s has %,d resolved predictions in shadow, --min-shadow-outcomes asks %,d: publish it with "
                      + "'stocklambda model candidate --version %s' and let the speed layer score it longer",
                  version, resolved, minShadowOutcomes, version));
        }
        System.out.printf(
            "shadow period: %,d resolved, hit rate %.4f, AUC %s%n",
            resolved, live.hitRate(), live.auc() == null ? "-" : live.auc());
      }
      int exit = change(this, registry -> version, RegistryEvent.Action.PROMOTED, "model promote");
      if (!noPublish) {
        withRegistry(
            dataset,
            registry -> ModelPublisher.withdraw(bootstrap, registry.load(version).name(), version));
      }
      return exit;
    }
  }

  /** {@code stocklambda model candidate}. */
  public static final class Candidate extends ModelOptions.Candidate
      implements ComponentMain.Executable {
    @Override
    public int execute() {
      ModelArtifact artifact = withRegistry(dataset, registry -> registry.load(version));
      if (withdraw) {
        ModelPublisher.withdraw(bootstrap, artifact.name(), version);
        System.out.printf("%s withdrawn: no longer scored in shadow%n", version);
        return 0;
      }
      withRegistry(
          dataset,
          registry -> {
            if (registry.history().retirement(version).isPresent()) {
              throw new IllegalArgumentException(version + " is retired");
            }
            return null;
          });
      long offset = ModelPublisher.candidate(bootstrap, artifact);
      System.out.printf(
          "published %s as a candidate to %s at offset %d: the speed layer scores every window with it in shadow "
              + "on '%s' (never served); 'stocklambda model list' shows its live figures%n",
          version, Topics.MODELS, offset, Topics.SHADOW_PREDICTIONS);
      return 0;
    }
  }

  /**
   * The candidates' live figures, or null (said on stderr) when Kafka does not answer or the shadow
   * topic is not read to its end in time.
   */
  private static LiveScoreboard shadow(String bootstrap) {
    try {
      return shadowOutcomes(bootstrap, Duration.ofSeconds(5));
    } catch (IllegalStateException e) {
      System.err.printf("no shadow figures: %s%n", e.getMessage());
    } catch (RuntimeException e) {
      System.err.printf(
          "no shadow figures: Kafka at %s did not answer (%s)%n", bootstrap, e.getMessage());
    }
    return null;
  }

  private static LiveScoreboard shadowOutcomes(String bootstrap, Duration timeout) {
    return PredictionOutcomes.readToEnd(bootstrap, List.of(Topics.SHADOW_PREDICTIONS), timeout);
  }

  /** {@code stocklambda model rollback}. */
  public static final class Rollback extends ModelOptions.Rollback
      implements ComponentMain.Executable {
    @Override
    public int execute() {
      return change(
          this,
          registry ->
              CurrentHistory.rollbackTarget(
                      registry.history().events(), registry.current().orElse(null))
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "nothing to roll back to: the history holds no version that served before "
                                  + registry.current().orElse("the current one")
                                  + " (see 'stocklambda model history')")),
          RegistryEvent.Action.ROLLED_BACK,
          "model rollback");
    }
  }

  /** {@code stocklambda model retire}. */
  public static final class Retire extends ModelOptions.Retire implements ComponentMain.Executable {
    @Override
    public int execute() {
      return withRegistry(
          dataset,
          registry -> {
            RegistryEvent e = registry.retire(version, reason);
            System.out.printf("retired %s (%s)%n", e.version(), e.reason());
            return 0;
          });
    }
  }

  /** Moves CURRENT to the chosen version, records it, then publishes it unless told not to. */
  private static int change(
      ModelOptions.Change options,
      Function<ModelRegistry, String> target,
      RegistryEvent.Action action,
      String command) {
    ModelArtifact artifact =
        withRegistry(
            options.dataset,
            registry -> {
              String version = target.apply(registry);
              RegistryEvent e =
                  registry.promote(
                      version, action, options.reason == null ? command : options.reason);
              System.out.printf(
                  "%s is CURRENT (%s %s, replacing %s)%n",
                  e.version(),
                  action == RegistryEvent.Action.ROLLED_BACK ? "rolled back by" : "promoted by",
                  e.by(),
                  e.previous() == null ? "none" : e.previous());
              return registry.load(version);
            });
    if (options.noPublish) {
      System.out.println("not published (--no-publish): run 'stocklambda model publish'");
      return 0;
    }
    long offset = ModelPublisher.publish(options.bootstrap, artifact);
    System.out.printf(
        "published %s to %s at offset %d: the speed layer scores with it from its next tick%n",
        artifact.version(), Topics.MODELS, offset);
    return 0;
  }

  private static <T> T withRegistry(DatasetLocation dataset, Function<ModelRegistry, T> action) {
    try (FileSystem fs = Hdfs.open(dataset.hdfs)) {
      return action.apply(new ModelRegistry(fs, dataset.layout()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
