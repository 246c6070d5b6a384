package io.stocklambda.core.live;

import static io.stocklambda.core.testing.Ticks.bar;
import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.window.Window;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StockStateCodecTest {

  private final Window window =
      Window.of(
          List.of(
              bar("ibm.us", "2017-11-09", 150.1, 150.28, 148.79, 150.07, 4679520),
              bar("ibm.us", "2017-11-10", 150.65, 150.89, 149.14, 149.16, 4306433)));

  @Test
  void aStateWithItsOpenPredictionRoundTrips() {
    Prediction open =
        new Prediction(
            "ibm.us",
            window.last().date(),
            window.closes(),
            0.5123456789,
            true,
            "20261126-1",
            Layer.SPEED,
            Instant.parse("2026-11-26T18:00:00.123Z"),
            null,
            null);
    StockState state = new StockState(window, open);

    assertThat(StockStateCodec.decode(StockStateCodec.encode(state))).isEqualTo(state);
  }

  @Test
  void partialWindowsWithoutAPredictionRoundTrip() {
    StockState state =
        new StockState(
            Window.empty("x.us", 5).push(bar("x.us", "2001-01-02", 0, 0, 0, 0.0021, 0)).window(),
            null);
    assertThat(StockStateCodec.decode(StockStateCodec.encode(state))).isEqualTo(state);
  }
}
