package io.stocklambda.benchspark;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.live.StockState;
import io.stocklambda.core.live.StockStateCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelScorer;
import io.stocklambda.core.prediction.PredictionJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StatefulProcessor;
import org.apache.spark.sql.streaming.TTLConfig;
import org.apache.spark.sql.streaming.TimeMode;
import org.apache.spark.sql.streaming.TimerValues;
import org.apache.spark.sql.streaming.ValueState;
import scala.Tuple3;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The same per-stock step as {@link ScoreStock}, on Spark 4's stateful API ({@code
 * transformWithState}): the stock's state a {@link ValueState} of {@link StockStateCodec} bytes in
 * the RocksDB state store, the rows of a micro-batch through {@link ScoreStock#score}, unchanged.
 */
final class ScoreStockWithState
    extends StatefulProcessor<String, Tuple3<String, byte[], Long>, Tuple3<String, byte[], Long>> {

  private static final long serialVersionUID = 1L;

  private final String artifact;
  private final int window;
  private transient ModelScorer scorer;
  private transient ValueState<byte[]> state;
  private transient PredictionJson json;

  ScoreStockWithState(String artifact, int window) {
    this.artifact = artifact;
    this.window = window;
  }

  @Override
  public void init(OutputMode outputMode, TimeMode timeMode) {
    scorer =
        ModelScorer.of(
            JsonCodec.of(ModelArtifact.class).decode(artifact.getBytes(StandardCharsets.UTF_8)));
    json = new PredictionJson();
    state = getHandle().getValueState("stock-state", Encoders.BINARY(), TTLConfig.NONE());
  }

  @Override
  public scala.collection.Iterator<Tuple3<String, byte[], Long>> handleInputRows(
      String stock,
      scala.collection.Iterator<Tuple3<String, byte[], Long>> rows,
      TimerValues timers) {
    StockState current =
        state.exists() ? StockStateCodec.decode(state.get()) : StockState.empty(stock, window);
    List<Tuple3<String, byte[], Long>> out = new ArrayList<>();
    StockState next =
        ScoreStock.score(current, CollectionConverters.asJava(rows), scorer, json, out);
    state.update(StockStateCodec.encode(next));
    return CollectionConverters.asScala(out.iterator());
  }
}
