package io.stocklambda.speed;

import io.stocklambda.core.live.StockState;
import io.stocklambda.core.live.StockStateCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's per-stock states: the {@code windows} store (changelogged, what survives a crash or a
 * move), with each state also kept decoded in memory, so a tick reads its stock's state without the
 * store's layers and {@link StockStateCodec#decode} (together 8 % of the speed layer's CPU a tick
 * at max rate: docs/bench/issue18-session11). Every write goes to the store first, then to memory,
 * so the two never differ: memory holds what the store holds, or nothing.
 *
 * <p>One instance a processor instance, created in its {@code init}: Kafka Streams initializes a
 * task's processors again after restoring its stores (a task revived after an aborted transaction,
 * a task moved to this instance), so the decoded states never outlive the store they mirror. At
 * most {@link #capacity} stocks are kept decoded (20,000 with 5-tick windows), the least recently
 * used leaving first. Not thread-safe (a task runs on one stream thread).
 */
final class StockStates {

  /**
   * Ticks kept decoded per task, across its stocks' windows: with 5-tick windows, 20,000 stocks
   * (every stock of the market, 8,539 files, fits), a few tens of MB of heap at most.
   */
  static final int MAX_DECODED_TICKS = 100_000;

  private final KeyValueStore<String, byte[]> store;
  private final int windowSize;
  private final Map<String, StockState> decoded;

  StockStates(KeyValueStore<String, byte[]> store, int windowSize) {
    this.store = store;
    this.windowSize = windowSize;
    int capacity = capacity(windowSize);
    this.decoded =
        new LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, StockState> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Stocks kept decoded with windows of {@code windowSize} ticks (at least 100). */
  static int capacity(int windowSize) {
    return Math.max(100, MAX_DECODED_TICKS / windowSize);
  }

  /**
   * The stock's state, empty if the store has none.
   *
   * @throws RuntimeException if the stored state does not decode (nothing is kept of it)
   */
  StockState get(String stock) {
    StockState state = decoded.get(stock);
    if (state == null) {
      byte[] stored = store.get(stock);
      state = stored == null ? StockState.empty(stock, windowSize) : StockStateCodec.decode(stored);
      decoded.put(stock, state);
    }
    return state;
  }

  /** Writes the stock's state to the store, then keeps it decoded. */
  void put(String stock, StockState state) {
    store.put(stock, StockStateCodec.encode(state));
    decoded.put(stock, state);
  }
}
