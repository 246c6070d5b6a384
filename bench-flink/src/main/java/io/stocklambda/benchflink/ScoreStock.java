package io.stocklambda.benchflink;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.json.MalformedRecordException;
import io.stocklambda.core.live.LiveScoring;
import io.stocklambda.core.live.StockState;
import io.stocklambda.core.live.StockStateCodec;
import io.stocklambda.core.model.ModelArtifact;
import io.stocklambda.core.model.ModelScorer;
import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.PredictionJson;
import io.stocklambda.core.tick.Tick;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One stock's ticks through core's live scoring, the stock's state in Flink keyed state as the
 * speed layer's store keeps it ({@link StockStateCodec}): the speed layer's rule, unchanged. A tick
 * that does not decode is skipped (the product dead-letters it; the benchmark anchor only skips).
 */
final class ScoreStock extends KeyedProcessFunction<String, TimedRecord, TimedRecord> {

  private static final long serialVersionUID = 1L;
  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);

  private final String artifact;
  private final int window;
  private transient ModelScorer scorer;
  private transient ValueState<byte[]> state;
  private transient PredictionJson json;

  ScoreStock(String artifact, int window) {
    this.artifact = artifact;
    this.window = window;
  }

  @Override
  public void open(OpenContext context) {
    json = new PredictionJson();
    scorer =
        ModelScorer.of(
            JsonCodec.of(ModelArtifact.class).decode(artifact.getBytes(StandardCharsets.UTF_8)));
    state =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "stock-state", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
  }

  @Override
  public void processElement(TimedRecord in, Context context, Collector<TimedRecord> out)
      throws Exception {
    Tick tick;
    try {
      tick = TICKS.decode(in.value);
    } catch (MalformedRecordException e) {
      return;
    }
    byte[] stored = state.value();
    StockState current =
        stored == null ? StockState.empty(tick.stock(), window) : StockStateCodec.decode(stored);
    LiveScoring.Step step =
        LiveScoring.step(current, tick, () -> scorer, Instant.now(), Layer.SPEED);
    byte[] record = json.write(step.resolved(), step.opened());
    if (record != null) {
      out.collect(new TimedRecord(tick.stock(), record, in.time));
    }
    if (step.accepted()) {
      state.update(StockStateCodec.encode(step.next()));
    }
  }
}
