package io.stocklambda.benchspark;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.sql.streaming.GroupState;
import scala.Tuple3;

/**
 * One stock's ticks of a micro-batch through core's live scoring, its state carried between batches
 * by Spark: the speed layer's rule, unchanged. Rows are {@code (stock, tick JSON, tick time)};
 * outputs {@code (stock, prediction JSON, tick time)}.
 */
final class ScoreStock
    implements FlatMapGroupsWithStateFunction<
        String, Tuple3<String, byte[], Long>, byte[], Tuple3<String, byte[], Long>> {

  private static final long serialVersionUID = 1L;
  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);

  private final String artifact;
  private final int window;
  private transient ModelScorer scorer;
  private transient PredictionJson json;

  ScoreStock(String artifact, int window) {
    this.artifact = artifact;
    this.window = window;
  }

  @Override
  public Iterator<Tuple3<String, byte[], Long>> call(
      String stock, Iterator<Tuple3<String, byte[], Long>> rows, GroupState<byte[]> state) {
    if (scorer == null) {
      scorer =
          ModelScorer.of(
              JsonCodec.of(ModelArtifact.class).decode(artifact.getBytes(StandardCharsets.UTF_8)));
    }
    StockState current =
        state.exists() ? StockStateCodec.decode(state.get()) : StockState.empty(stock, window);
    List<Tuple3<String, byte[], Long>> out = new ArrayList<>();
    if (json == null) {
      json = new PredictionJson();
    }
    StockState next = score(current, rows, scorer, json, out);
    state.update(StockStateCodec.encode(next)); // the speed layer's own encoding
    return out.iterator();
  }

  /**
   * Applies a batch of one stock's rows in date order (a micro-batch's rows of a key may come in
   * any order) and appends what they emit to {@code out}, written by {@code json}. Rows that are
   * not ticks are skipped.
   */
  static StockState score(
      StockState state,
      Iterator<Tuple3<String, byte[], Long>> rows,
      ModelScorer scorer,
      PredictionJson json,
      List<Tuple3<String, byte[], Long>> out) {
    List<Timed> ticks = new ArrayList<>();
    while (rows.hasNext()) {
      Tuple3<String, byte[], Long> row = rows.next();
      try {
        ticks.add(new Timed(TICKS.decode(row._2()), row._3()));
      } catch (MalformedRecordException e) {
        // poison: the product's speed layer dead-letters it; the benchmark anchor only skips it
      }
    }
    ticks.sort(Comparator.comparing(t -> t.tick().date()));
    StockState current = state;
    Instant now = Instant.now();
    for (Timed t : ticks) {
      LiveScoring.Step step = LiveScoring.step(current, t.tick(), () -> scorer, now, Layer.SPEED);
      byte[] record = json.write(step.resolved(), step.opened());
      if (record != null) {
        out.add(new Tuple3<>(t.tick().stock(), record, t.time()));
      }
      current = step.next();
    }
    return current;
  }

  private record Timed(Tick tick, long time) {}
}
