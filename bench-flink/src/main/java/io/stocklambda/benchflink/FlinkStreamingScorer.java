package io.stocklambda.benchflink;

import io.stocklambda.commands.bench.FlinkScorerOptions;
import io.stocklambda.core.model.ModelFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.UUID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Apache Flink doing our speed layer's job, for a like-for-like comparison: a local Flink cluster
 * (one JVM, {@code --parallelism} slots) reads the tick topic, keys by stock, applies core's {@link
 * io.stocklambda.core.live.LiveScoring} with the same model artifact in a keyed process function
 * ({@link ScoreStock}, state on the heap backend), and writes the predictions with Flink's
 * exactly-once Kafka sink (a transaction per checkpoint, committed when the checkpoint completes),
 * each with its tick's record time, so that the benchmark measures latency as for the other engines
 * and reads only committed predictions. The producer settings are the speed layer's (no
 * compression, 5 ms linger, 128 KiB batches).
 */
public final class FlinkStreamingScorer extends FlinkScorerOptions implements Runnable {

  @Override
  public void run() {
    String artifact = ModelFiles.readValidated(Paths.get(modelFile));
    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, Paths.get(checkpoint).toUri().toString());
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    env.enableCheckpointing(checkpointIntervalMs, CheckpointingMode.EXACTLY_ONCE);
    env.getCheckpointConfig().setMinPauseBetweenCheckpoints(0);

    String run = UUID.randomUUID().toString().substring(0, 8);
    KafkaSource<TimedRecord> source =
        KafkaSource.<TimedRecord>builder()
            .setBootstrapServers(bootstrap)
            .setTopics(ticksTopic)
            .setGroupId("bench-flink-" + run)
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
            .setDeserializer(new Records())
            .build();
    KafkaSink<TimedRecord> sink =
        KafkaSink.<TimedRecord>builder()
            .setBootstrapServers(bootstrap)
            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .setTransactionalIdPrefix("bench-flink-" + run)
            .setProperty(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none")
            .setProperty(ProducerConfig.LINGER_MS_CONFIG, "5")
            .setProperty(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(128 * 1024))
            .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000")
            .setRecordSerializer(new Predictions(predictionsTopic))
            .build();
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "ticks")
        .keyBy(r -> r.key)
        .process(new ScoreStock(artifact, window))
        .name("score")
        .sinkTo(sink)
        .name("predictions");
    System.out.printf(
        "flink-scorer: %s -> %s with model %s, parallelism %d, checkpoint every %d ms,"
            + " heap state backend, exactly-once sink%n",
        ticksTopic, predictionsTopic, modelFile, parallelism, checkpointIntervalMs);
    try {
      env.execute("stocklambda bench flink-scorer");
    } catch (Exception e) {
      throw new IllegalStateException("the Flink job failed: " + e.getMessage(), e);
    }
  }

  /** A tick record as key, value and record time. */
  static final class Records implements KafkaRecordDeserializationSchema<TimedRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<TimedRecord> out) {
      String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
      out.collect(new TimedRecord(key, r.value(), r.timestamp()));
    }

    @Override
    public TypeInformation<TimedRecord> getProducedType() {
      return TypeInformation.of(TimedRecord.class);
    }
  }

  /** A prediction record, keyed by stock, at its tick's record time. */
  static final class Predictions implements KafkaRecordSerializationSchema<TimedRecord> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    Predictions(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
        TimedRecord r, KafkaSinkContext context, Long timestamp) {
      return new ProducerRecord<>(
          topic, null, r.time, r.key.getBytes(StandardCharsets.UTF_8), r.value);
    }
  }
}
