package io.stocklambda.speed;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.json.MalformedRecordException;
import io.stocklambda.core.model.InvalidModelException;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelKeys;
import io.stocklambda.core.model.ModelScorer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global {@code models} store to models that can be scored: an artifact that does not
 * parse, fails validation, or keeps windows of another size is refused with a log line, and the
 * model before it stays. Kafka Streams runs this processor on restore too, so a restart honours the
 * same rule. Beside each model it keeps {@code <name>#version}, which the scoring processors read
 * on every tick to notice a swap cheaply. Candidates ({@link ModelKeys#candidate}) pass the same
 * checks, are kept under their key and listed in {@code <name>#candidates}; a tombstone on a
 * candidate's key withdraws it. A tombstone on a current model's key changes nothing: the speed
 * layer never stops scoring for want of a model it had.
 */
final class ModelUpdater implements Processor<String, byte[], Void, Void> {

  static final String STORE = "models";
  private static final Logger LOG = LoggerFactory.getLogger(ModelUpdater.class);
  private static final JsonCodec<ModelArtifact> ARTIFACTS = JsonCodec.of(ModelArtifact.class);

  private final int windowSize;
  private final SpeedMetrics metrics;
  private final ModelChanges changes;
  private KeyValueStore<String, byte[]> store;

  ModelUpdater(int windowSize, SpeedMetrics metrics, ModelChanges changes) {
    this.windowSize = windowSize;
    this.metrics = metrics;
    this.changes = changes;
  }

  static String versionKey(String modelName) {
    return modelName + "#version";
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(STORE);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    try {
      apply(record);
    } finally {
      changes.changed(); // after the store's writes: the scoring processors read it again
    }
  }

  private void apply(Record<String, byte[]> record) {
    if (record.key() == null) {
      LOG.warn("model record without a name ignored");
      return;
    }
    Optional<ModelKeys.Candidate> candidate = ModelKeys.parse(record.key());
    if (record.value() == null) {
      candidate.ifPresentOrElse(
          this::withdraw,
          () ->
              LOG.warn("model '{}' without a body ignored: the current model stays", record.key()));
      return;
    }
    try {
      ModelArtifact artifact = ARTIFACTS.decode(record.value());
      ModelScorer.of(artifact); // refuses what cannot be scored
      if (artifact.featureSpec().windowSize() != windowSize) {
        throw new InvalidModelException(
            artifact.version(),
            java.util.List.of(
                "it needs windows of "
                    + artifact.featureSpec().windowSize()
                    + " ticks, this speed layer keeps "
                    + windowSize));
      }
      if (candidate.isPresent()) {
        shadow(candidate.get(), artifact, record.value());
        return;
      }
      store.put(record.key(), record.value());
      store.put(versionKey(record.key()), artifact.version().getBytes(StandardCharsets.UTF_8));
      metrics.modelVersion.set(artifact.version());
      LOG.info(
          "model '{}' {} ({}, test AUC {}) is now scoring",
          record.key(),
          artifact.version(),
          artifact.algorithm().id(),
          artifact.metrics().getOrDefault("test.auc", Double.NaN));
    } catch (MalformedRecordException | InvalidModelException | IllegalArgumentException e) {
      if (candidate.isPresent()) {
        LOG.warn("candidate '{}' refused, not scored in shadow: {}", record.key(), e.getMessage());
        return;
      }
      byte[] current = store.get(versionKey(record.key()));
      LOG.warn(
          "model '{}' refused, {} keeps scoring: {}",
          record.key(),
          current == null ? "no model" : new String(current, StandardCharsets.UTF_8),
          e.getMessage());
    }
  }

  /** A candidate joins its model's index; the scoring processors notice the index change. */
  private void shadow(ModelKeys.Candidate candidate, ModelArtifact artifact, byte[] body) {
    if (!artifact.version().equals(candidate.version())) {
      throw new IllegalArgumentException(
          "the candidate key names version "
              + candidate.version()
              + ", the artifact is "
              + artifact.version());
    }
    store.put(ModelKeys.candidate(candidate.name(), candidate.version()), body);
    List<String> versions = ModelKeys.decodeIndex(store.get(index(candidate)));
    if (!versions.contains(candidate.version())) {
      versions.add(candidate.version());
    }
    store.put(index(candidate), ModelKeys.encodeIndex(versions));
    LOG.info(
        "candidate {} of model '{}' ({}) is now scored in shadow",
        candidate.version(),
        candidate.name(),
        artifact.algorithm().id());
  }

  /** A tombstone on a candidate's key: it leaves the index, its shadow predictions stop. */
  private void withdraw(ModelKeys.Candidate candidate) {
    store.delete(ModelKeys.candidate(candidate.name(), candidate.version()));
    List<String> versions = ModelKeys.decodeIndex(store.get(index(candidate)));
    if (versions.remove(candidate.version())) {
      byte[] index = ModelKeys.encodeIndex(versions);
      if (index == null) {
        store.delete(index(candidate));
      } else {
        store.put(index(candidate), index);
      }
      LOG.info("candidate {} of model '{}' withdrawn", candidate.version(), candidate.name());
    }
  }

  private static String index(ModelKeys.Candidate candidate) {
    return ModelKeys.candidatesIndex(candidate.name());
  }
}
