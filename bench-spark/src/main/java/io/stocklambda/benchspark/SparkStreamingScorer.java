package io.stocklambda.benchspark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.stocklambda.commands.bench.SparkScorerOptions;
import io.stocklambda.core.model.ModelFiles;
import java.nio.file.Paths;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.TimeMode;
import org.apache.spark.sql.streaming.Trigger;
import scala.Tuple3;

/**
 * The thesis's engine doing our speed layer's job, for a like-for-like comparison: Spark Structured
 * Streaming reads the tick topic, keeps each stock's state with {@code flatMapGroupsWithState} (or
 * Spark 4's {@code transformWithState}, {@code --state-api}) and applies core's {@link
 * io.stocklambda.core.live.LiveScoring} with the same model artifact, and writes the predictions to
 * a topic, each with the tick's record time in a {@code tick-ts} header (Spark's Kafka sink cannot
 * set the record time), so that the benchmark measures latency the same way for both engines.
 * Spark's Kafka sink is at least once.
 */
public final class SparkStreamingScorer extends SparkScorerOptions implements Runnable {

  static final String TICK_TIME_HEADER = "tick-ts";
  private static final String ROCKSDB_STATE_STORE =
      "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";

  @Override
  public void run() {
    String artifact = ModelFiles.readValidated(Paths.get(modelFile));
    SparkSession.Builder builder =
        SparkSession.builder().appName("stocklambda bench spark-scorer").master(master);
    boolean transformWithState = stateApi.equals("transformWithState");
    if (stateStore.equals("rocksdb") || transformWithState) {
      // transformWithState runs on the RocksDB state store only
      builder.config("spark.sql.streaming.stateStore.providerClass", ROCKSDB_STATE_STORE);
    }
    SparkSession spark =
        builder
            .config("spark.sql.shuffle.partitions", shufflePartitions)
            .config("spark.ui.enabled", false)
            .config("spark.sql.streaming.noDataMicroBatches.enabled", false)
            .getOrCreate();
    try {
      Dataset<Row> kafka =
          spark
              .readStream()
              .format("kafka")
              .option("kafka.bootstrap.servers", bootstrap)
              .option("subscribe", ticksTopic)
              .option("startingOffsets", "earliest")
              // as the speed layer (exactly once) and the Flink anchor: ticks of a producer's open
              // transaction are not read
              .option("kafka.isolation.level", "read_committed")
              .load();
      Dataset<Tuple3<String, byte[], Long>> ticks =
          kafka
              .select(col("key").cast("string"), col("value"), expr("unix_millis(timestamp)"))
              .as(Encoders.tuple(Encoders.STRING(), Encoders.BINARY(), Encoders.LONG()));
      var byStock =
          ticks.groupByKey(
              (MapFunction<Tuple3<String, byte[], Long>, String>) Tuple3::_1, Encoders.STRING());
      var rows = Encoders.tuple(Encoders.STRING(), Encoders.BINARY(), Encoders.LONG());
      Dataset<Tuple3<String, byte[], Long>> predictions =
          transformWithState
              ? byStock.transformWithState(
                  new ScoreStockWithState(artifact, window),
                  TimeMode.None(),
                  OutputMode.Append(),
                  rows)
              : byStock.flatMapGroupsWithState(
                  new ScoreStock(artifact, window),
                  OutputMode.Append(),
                  Encoders.BINARY(),
                  rows,
                  GroupStateTimeout.NoTimeout());
      StreamingQuery query =
          predictions
              .toDF("key", "value", "tickTs")
              .select(
                  col("key"),
                  col("value"),
                  array(
                          struct(
                              lit(TICK_TIME_HEADER).as("key"),
                              col("tickTs").cast("string").cast("binary").as("value")))
                      .as("headers"))
              .writeStream()
              .format("kafka")
              .option("kafka.bootstrap.servers", bootstrap)
              .option("topic", predictionsTopic)
              .option("checkpointLocation", checkpoint)
              .outputMode(OutputMode.Append())
              .trigger(Trigger.ProcessingTime(0))
              .start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      query.stop();
                    } catch (TimeoutException e) {
                      // stopping anyway
                    }
                  },
                  "stop-query"));
      System.out.printf(
          "spark-scorer: %s -> %s with model %s, %s, %s, %d state partitions in the %s state store%n",
          ticksTopic,
          predictionsTopic,
          modelFile,
          master,
          stateApi,
          shufflePartitions,
          transformWithState ? "rocksdb" : stateStore);
      query.awaitTermination();
    } catch (TimeoutException | StreamingQueryException e) {
      throw new IllegalStateException("the streaming query failed: " + e.getMessage(), e);
    } finally {
      spark.stop();
    }
  }
}
