package io.stocklambda.speed;

import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.Stores;

/**
 * The speed layer: {@code ticks} -> per-stock windows (a persistent store) -> scores with the
 * current model -> {@code predictions}, the model coming from the compacted {@code models} topic as
 * a global store, swapped without restart; candidates' predictions to the shadow topic; poison to
 * the dead-letter topic; each task's live windows counted into the model's training bins to the
 * {@code feature-drift} topic. Tests build this very topology.
 */
public final class ScoringTopology {

  private ScoringTopology() {}

  public static Topology buildTopology(SpeedConfig config, SpeedMetrics metrics) {
    StreamsBuilder builder = new StreamsBuilder();
    ModelChanges modelChanges = new ModelChanges();
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(ModelUpdater.STORE),
                Serdes.String(),
                Serdes.ByteArray())
            .withLoggingDisabled(),
        config.modelsTopic(),
        Consumed.with(Serdes.String(), Serdes.ByteArray()),
        () -> new ModelUpdater(config.windowSize(), metrics, modelChanges));
    Topology topology = builder.build();
    topology.addSource(
        "ticks-source",
        Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer(),
        config.ticksTopic());
    topology.addProcessor(
        "score", () -> new ScoringProcessor(config, metrics, modelChanges), "ticks-source");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ScoringProcessor.WINDOWS),
                Serdes.String(),
                Serdes.ByteArray())
            .withCachingEnabled(),
        "score");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ScoringProcessor.SHADOWS),
                Serdes.String(),
                Serdes.ByteArray())
            .withCachingEnabled(),
        "score");
    topology.addSink(
        ScoringProcessor.SHADOW_SINK,
        config.shadowTopic(),
        Serdes.String().serializer(),
        Serdes.ByteArray().serializer(),
        "score");
    topology.addSink(
        ScoringProcessor.PREDICTIONS_SINK,
        config.predictionsTopic(),
        Serdes.String().serializer(),
        Serdes.ByteArray().serializer(),
        "score");
    topology.addSink(
        ScoringProcessor.DLQ_SINK,
        config.dlqTopic(),
        Serdes.String().serializer(),
        Serdes.ByteArray().serializer(),
        "score");
    topology.addSink(
        DriftTracker.SINK,
        config.driftTopic(),
        Serdes.String().serializer(),
        Serdes.ByteArray().serializer(),
        "score");
    return topology;
  }

  /**
   * Exactly once, v2; the state under the configured directory; poison that escapes a processor to
   * the dead-letter topic; then the user's {@code --streams-config} settings.
   */
  public static Properties streamsConfig(SpeedConfig config) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
    p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitIntervalMs());
    // no compression: lz4 took 3.7 % of the speed layer's CPU in its profile, and on one machine
    // (or a fast network) CPU is the limit (docs/benchmarks.md); --streams-config
    // compression.type=lz4 where bandwidth is
    p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "none");
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 128 * 1024);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 2000);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    p.put(
        StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
        config.applicationId() + "-" + config.instance());
    p.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
    p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, config.dlqTopic());
    // a setting given without its prefix (compression.type) is meant for the clients too, but
    // Kafka Streams would let our prefixed default win: the default gives way
    for (String key : config.streamsOverrides().keySet()) {
      p.remove(StreamsConfig.producerPrefix(key));
      p.remove(StreamsConfig.consumerPrefix(key));
    }
    p.putAll(config.streamsOverrides());
    return p;
  }
}
