package io.stocklambda.core.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnlineOfflineParityTest {

  private static final LocalDate D = LocalDate.of(2017, 11, 13);

  @Test
  void theSameModelOnTheSameWindowAgreesAndAnotherVersionIsCountedApart() {
    OnlineOfflineParity parity =
        new OnlineOfflineParity(
            List.of(
                p("a.us", D, 0.51, "v1", Layer.SPEED),
                p("b.us", D, 0.49, "v1", Layer.SPEED),
                p("c.us", D, 0.55, "v0", Layer.SPEED)));

    parity.accept(p("a.us", D, 0.51, "v1", Layer.BATCH));
    parity.accept(p("b.us", D, 0.49 + 1e-12, "v1", Layer.BATCH));
    parity.accept(p("c.us", D, 0.52, "v1", Layer.BATCH));
    parity.accept(p("d.us", D, 0.50, "v1", Layer.BATCH)); // never scored live

    OnlineOfflineParity.Result r = parity.result();
    assertThat(r.speedRows()).isEqualTo(3);
    assertThat(r.compared()).isEqualTo(2);
    assertThat(r.differing()).isZero();
    assertThat(r.maxAbsDifference()).isLessThan(1e-11);
    assertThat(r.otherVersion()).isEqualTo(1);
  }

  @Test
  void aDifferentModelUnderTheSameVersionIsCaught() {
    OnlineOfflineParity parity =
        new OnlineOfflineParity(List.of(p("a.us", D, 0.51, "v1", Layer.SPEED)));
    parity.accept(p("a.us", D, 0.53, "v1", Layer.BATCH));
    OnlineOfflineParity.Result r = parity.result();
    assertThat(r.differing()).isEqualTo(1);
    assertThat(r.maxAbsDifference()).isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(r.examples()).singleElement().asString().startsWith("a.us 2017-11-13 speed=0.51");
    assertThat(r.describe()).contains("1 differing beyond 1e-09");
  }

  private static Prediction p(String stock, LocalDate date, double p, String v, Layer layer) {
    return new Prediction(
        stock, date, List.of(1.0, 2.0), p, p > 0.5, v, layer, Instant.ofEpochSecond(1), null, null);
  }
}
