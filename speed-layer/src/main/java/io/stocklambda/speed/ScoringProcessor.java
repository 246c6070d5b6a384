package io.stocklambda.speed;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.json.MalformedRecordException;
import io.stocklambda.core.live.LiveScoring;
import io.stocklambda.core.live.StockState;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelKeys;
import io.stocklambda.core.model.ModelScorer;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.prediction.PredictionJson;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.kafka.DeadLetterHeaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tick at a time: decode it (poison to the dead-letter sink, with the reason), push it into its
 * stock's window (a repeated or older date is counted and dropped), resolve the stock's open
 * prediction with it, and score the window if it is full and a model is there; the new call and the
 * resolved one go out as one record ({@link PredictionJson#write(Prediction, Prediction)}).
 * Everything domain is core's: the codec, the window, the outcome, the scorer.
 *
 * <p>A tick whose full window core refuses to score (a feature or the probability not finite)
 * enters the window, as in the batch layer, and goes to the dead-letter sink with the reason. Any
 * other failure of one record after decoding is deterministic poison too: the record goes to the
 * dead-letter sink with the reason and the stock's state stays as it was, so the partition goes on.
 * Only Kafka's own exceptions (the broker, a state store) propagate.
 *
 * <p>Candidate models published as candidates ({@link ModelKeys#candidate}) score every accepted
 * tick's window beside the current model, in shadow: their predictions and outcomes go to the
 * shadow topic only, never to the predictions the serving layer serves.
 */
final class ScoringProcessor implements Processor<String, byte[], String, byte[]> {

  static final String WINDOWS = "windows";
  static final String PREDICTIONS_SINK = "predictions-sink";
  static final String DLQ_SINK = "dlq-sink";
  static final String SHADOWS = "shadows";
  static final String SHADOW_SINK = "shadow-sink";

  private static final Logger LOG = LoggerFactory.getLogger(ScoringProcessor.class);
  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);
  private static final JsonCodec<Prediction> PREDICTIONS = JsonCodec.of(Prediction.class);
  private static final JsonCodec<ModelArtifact> ARTIFACTS = JsonCodec.of(ModelArtifact.class);

  private final SpeedConfig config;
  private final SpeedMetrics metrics;
  private final DriftTracker drift;
  private final ModelChanges modelChanges;
  private ProcessorContext<String, byte[]> context;
  private StockStates windows;
  private KeyValueStore<String, byte[]> models;
  private KeyValueStore<String, byte[]> shadows;
  private byte[] scorerVersion;
  private ModelScorer scorer;
  private byte[] candidatesIndex;
  private List<ModelScorer> candidates = List.of();

  /** The {@link ModelChanges} generation the scorer was read at; -1: not yet. */
  private long scorerSeen = -1;

  /** The generation the candidates were read at; -1: not yet. */
  private long candidatesSeen = -1;

  /** The served calls' JSON, each outcome written from its open call's (core's shortcut). */
  private final PredictionJson json = new PredictionJson();

  ScoringProcessor(SpeedConfig config, SpeedMetrics metrics, ModelChanges modelChanges) {
    this.config = config;
    this.metrics = metrics;
    this.modelChanges = modelChanges;
    this.drift = new DriftTracker(config.driftInterval());
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.windows = new StockStates(context.getStateStore(WINDOWS), config.windowSize());
    this.models = context.getStateStore(ModelUpdater.STORE);
    this.shadows = context.getStateStore(SHADOWS);
    drift.init(context);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    Tick tick;
    try {
      tick = TICKS.decode(record.value());
    } catch (MalformedRecordException e) {
      deadLetter(record, e.reason());
      return;
    }
    metrics.ticks.increment();
    try {
      score(record, tick);
    } catch (KafkaException e) {
      throw e; // the broker or a store, not this record: Kafka Streams retries or fails the task
    } catch (RuntimeException e) {
      // deterministic (a window that cannot be scored, a state that does not decode): a retry
      // would fail alike and stall the partition's other stocks, so it goes to the dead letters
      deadLetter(record, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private void score(Record<String, byte[]> record, Tick tick) {
    StockState state = windows.get(tick.stock());
    LiveScoring.Step step =
        LiveScoring.step(
            state,
            tick,
            this::scorer,
            Instant.ofEpochMilli(context.currentSystemTimeMs()),
            Layer.SPEED);
    switch (step.admission()) {
      case DUPLICATE -> metrics.duplicates.increment();
      case OUT_OF_ORDER -> metrics.outOfOrder.increment();
      case ACCEPTED -> {
        // one record: the new call carrying the previous one, resolved by this tick
        byte[] out = json.write(step.resolved(), step.opened());
        if (out != null) {
          forward(record, tick.stock(), out, PREDICTIONS_SINK);
        }
        if (step.resolved() != null) {
          metrics.outcomes.increment();
          if (Boolean.TRUE.equals(step.resolved().correct())) {
            metrics.correct.increment();
          }
        }
        if (step.unscored()) {
          metrics.unscored.increment();
        }
        if (step.refused() != null) {
          // the tick is in the window, as in the batch layer; the window is not scored, and the
          // tick goes to the dead letters
          deadLetter(record, step.refused().getMessage());
        }
        if (step.opened() != null) {
          metrics.predictions.increment();
          // the real clock: Kafka Streams caches currentSystemTimeMs() per batch
          metrics.latency(System.currentTimeMillis() - record.timestamp());
        }
        windows.put(tick.stock(), step.next());
        monitor(record, state, step, tick);
      }
    }
  }

  /**
   * What watches the served model, after the tick's state is saved: a failure here (a shadow entry
   * that does not decode, a candidate's feature code) is logged and counted, never allowed to
   * dead-letter a tick whose served predictions are already out.
   */
  private void monitor(
      Record<String, byte[]> record, StockState before, LiveScoring.Step step, Tick tick) {
    try {
      if (step.opened() != null) {
        drift.scored(scorer, step.next().window()); // scorer: the model that just scored it
      }
      shadow(record, before, step, tick);
    } catch (KafkaException e) {
      throw e;
    } catch (RuntimeException e) {
      metrics.monitorFailures.increment();
      LOG.warn(
          "shadow scoring or drift failed on {} {}: {}", tick.stock(), tick.date(), e.toString());
    }
  }

  /**
   * Each candidate (other than the current version) scores the same window; its calls and their
   * outcomes go to the shadow sink only, its open call waits in the {@code shadows} store under
   * {@code <stock>|<version>}.
   */
  private void shadow(
      Record<String, byte[]> record, StockState before, LiveScoring.Step step, Tick tick) {
    for (ModelScorer candidate : candidates()) {
      if (step.opened() != null && candidate.version().equals(step.opened().modelVersion())) {
        continue;
      }
      String key = tick.stock() + "|" + candidate.version();
      byte[] stored = shadows.get(key);
      LiveScoring.ShadowStep shadow =
          LiveScoring.shadow(
              before,
              step,
              tick,
              stored == null ? null : PREDICTIONS.decode(stored),
              candidate,
              Instant.ofEpochMilli(context.currentSystemTimeMs()));
      byte[] out = PredictionJson.encode(shadow.resolved(), shadow.opened());
      if (out != null) {
        forward(record, tick.stock(), out, SHADOW_SINK);
      }
      metrics.shadowPredictions.add(shadow.opened() == null ? 0 : 1);
      if (shadow.opened() != null) {
        shadows.put(key, PREDICTIONS.encode(shadow.opened()));
      } else if (stored != null) {
        shadows.delete(key);
      }
    }
  }

  /**
   * Deletes the open shadow calls of versions that are no longer candidates (withdrawn or
   * promoted): once per change of the index, so the store holds stocks x current candidates.
   */
  private void sweep(List<String> versions) {
    List<String> stale = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = shadows.all()) {
      all.forEachRemaining(
          kv -> {
            if (!versions.contains(kv.key.substring(kv.key.indexOf('|') + 1))) {
              stale.add(kv.key);
            }
          });
    }
    stale.forEach(shadows::delete);
  }

  /**
   * The candidates' scorers, rebuilt only when the candidates' index changes, read again only when
   * the global store has changed ({@link ModelChanges}). Called from {@link #monitor} alone, so a
   * candidate that fails to build never touches a served tick. The generation is noted after the
   * reads: a change during them shows as a newer generation at the next tick.
   */
  private List<ModelScorer> candidates() {
    long generation = modelChanges.generation();
    if (generation == candidatesSeen) {
      return candidates;
    }
    byte[] index = models.get(ModelKeys.candidatesIndex(config.modelName()));
    if (!Arrays.equals(index, candidatesIndex)) {
      List<ModelScorer> scorers = new ArrayList<>();
      for (String version : ModelKeys.decodeIndex(index)) {
        byte[] artifact = models.get(ModelKeys.candidate(config.modelName(), version));
        if (artifact != null) {
          scorers.add(ModelScorer.of(ARTIFACTS.decode(artifact)));
        }
      }
      candidates = List.copyOf(scorers);
      candidatesIndex = index;
      sweep(ModelKeys.decodeIndex(index));
    }
    candidatesSeen = generation;
    return candidates;
  }

  /**
   * The scorer of the current model (null while the store has none), rebuilt only when its version
   * changes, read again only when the global store has changed ({@link ModelChanges}).
   */
  private ModelScorer scorer() {
    long generation = modelChanges.generation();
    if (generation == scorerSeen) {
      return scorer;
    }
    byte[] version = models.get(ModelUpdater.versionKey(config.modelName()));
    if (version == null) {
      scorer = null;
      scorerVersion = null;
    } else if (!Arrays.equals(version, scorerVersion)) {
      scorer = ModelScorer.of(ARTIFACTS.decode(models.get(config.modelName())));
      scorerVersion = version;
    }
    scorerSeen = generation;
    return scorer;
  }

  private void forward(Record<String, byte[]> input, String key, byte[] json, String sink) {
    context.forward(new Record<>(key, json, input.timestamp(), new RecordHeaders()), sink);
  }

  private void deadLetter(Record<String, byte[]> record, String reason) {
    metrics.poison.increment();
    Headers headers =
        DeadLetterHeaders.of(
            record.headers(),
            reason,
            context.recordMetadata().map(m -> m.topic()).orElse(""),
            context.recordMetadata().map(m -> m.partition()).orElse(-1),
            context.recordMetadata().map(m -> m.offset()).orElse(-1L),
            "speed-layer");
    context.forward(
        new Record<>(record.key(), record.value(), record.timestamp(), headers), DLQ_SINK);
  }
}
