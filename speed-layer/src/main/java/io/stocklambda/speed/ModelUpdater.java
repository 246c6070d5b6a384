package io.stocklambda.speed;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.json.MalformedRecordException;
import io.stocklambda.core.model.InvalidModelException;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelScorer;
import java.nio.charset.StandardCharsets;
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
 * on every tick to notice a swap cheaply.
 */
final class ModelUpdater implements Processor<String, byte[], Void, Void> {

  static final String STORE = "models";
  private static final Logger LOG = LoggerFactory.getLogger(ModelUpdater.class);
  private static final JsonCodec<ModelArtifact> ARTIFACTS = JsonCodec.of(ModelArtifact.class);

  private final int windowSize;
  private final SpeedMetrics metrics;
  private KeyValueStore<String, byte[]> store;

  ModelUpdater(int windowSize, SpeedMetrics metrics) {
    this.windowSize = windowSize;
    this.metrics = metrics;
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
    if (record.key() == null || record.value() == null) {
      LOG.warn("model record without a name or a body ignored");
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
      byte[] current = store.get(versionKey(record.key()));
      LOG.warn(
          "model '{}' refused, {} keeps scoring: {}",
          record.key(),
          current == null ? "no model" : new String(current, StandardCharsets.UTF_8),
          e.getMessage());
    }
  }
}
