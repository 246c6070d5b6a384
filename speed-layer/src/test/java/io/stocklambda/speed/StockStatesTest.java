package io.stocklambda.speed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.core.live.StockState;
import io.stocklambda.core.live.StockStateCodec;
import io.stocklambda.core.tick.Tick;
import java.time.LocalDate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The windows store with its states kept decoded: memory never says other than the store. */
class StockStatesTest {

  private static final LocalDate DAY = LocalDate.of(2017, 11, 6);

  private KeyValueStore<String, byte[]> store;

  @BeforeEach
  void store() {
    store =
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("windows"), Serdes.String(), Serdes.ByteArray())
            .withLoggingDisabled()
            .build();
    MockProcessorContext<String, byte[]> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
  }

  @Test
  void aStockWithoutStateIsEmptyAndReadingWritesNothing() {
    StockStates states = new StockStates(store, 5);

    assertThat(states.get("ibm.us")).isEqualTo(StockState.empty("ibm.us", 5));
    assertThat(store.get("ibm.us")).isNull();
  }

  @Test
  void aWriteGoesToTheStoreAndANewInstanceReadsItBackFromThere() {
    StockStates states = new StockStates(store, 5);
    StockState state = withTick("ibm.us", 100);

    states.put("ibm.us", state);

    assertThat(store.get("ibm.us")).isEqualTo(StockStateCodec.encode(state));
    assertThat(states.get("ibm.us")).as("kept decoded").isSameAs(state);
    // what a task initialized again (revived, or moved here) sees: the store's state
    assertThat(new StockStates(store, 5).get("ibm.us")).isEqualTo(state).isNotSameAs(state);
  }

  @Test
  void aStoredStateThatDoesNotDecodeIsRefusedEveryTimeAndNothingIsKept() {
    store.put("bad.us", new byte[] {1, 2, 3});
    StockStates states = new StockStates(store, 5);

    assertThatThrownBy(() -> states.get("bad.us")).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> states.get("bad.us")).isInstanceOf(RuntimeException.class);
  }

  @Test
  void theLeastRecentlyUsedStockLeavesMemoryButNotTheStore() {
    StockStates states = new StockStates(store, 5);
    StockState first = withTick("a0.us", 1);
    StockState second = withTick("a1.us", 1);
    states.put("a0.us", first);
    states.put("a1.us", second);
    for (int i = 2; i < StockStates.capacity(5); i++) {
      states.put("a" + i + ".us", withTick("a" + i + ".us", 1));
    }
    states.get("a0.us"); // read last: a1.us is now the least recently used

    states.put("b.us", withTick("b.us", 1));

    assertThat(states.get("a0.us")).as("recently read, kept").isSameAs(first);
    assertThat(states.get("a1.us"))
        .as("left memory, read back from the store")
        .isEqualTo(second)
        .isNotSameAs(second);
  }

  @Test
  void longerWindowsKeepFewerStocksDecoded() {
    assertThat(StockStates.capacity(5)).isEqualTo(20_000);
    assertThat(StockStates.capacity(250)).isEqualTo(400);
  }

  private static StockState withTick(String stock, double close) {
    return new StockState(
        StockState.empty(stock, 5).window().push(Tick.ofClose(stock, DAY, close)).window(), null);
  }
}
