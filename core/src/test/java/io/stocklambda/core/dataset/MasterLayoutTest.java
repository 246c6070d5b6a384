package io.stocklambda.core.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MasterLayoutTest {

  private final MasterLayout layout = new MasterLayout("/stocklambda/");

  @Test
  void pathsFollowTheContract() {
    assertThat(layout.landedManifest("b1"))
        .isEqualTo("/stocklambda/master/ticks/landed/b1/_MANIFEST.json");
    assertThat(layout.streamFile(LocalDate.of(2017, 11, 10), "s1"))
        .isEqualTo("/stocklambda/master/ticks/stream/date=2017-11-10/part-s1.csv");
    assertThat(layout.streamManifest("s1"))
        .isEqualTo("/stocklambda/master/ticks/stream/_manifests/s1.json");
    assertThat(layout.currentModel()).isEqualTo("/stocklambda/models/CURRENT");
    assertThat(layout.training("r1")).isEqualTo("/stocklambda/batch/training/r1");
  }

  @Test
  void streamPathsKnowTheirDate() {
    assertThat(
            MasterLayout.streamDateOf(
                "hdfs://h:8020/stocklambda/master/ticks/stream/date=2017-11-10/part-s1.csv"))
        .contains(LocalDate.of(2017, 11, 10));
    assertThat(MasterLayout.streamDateOf("/stocklambda/master/ticks/landed/b1/ibm.us.txt"))
        .isEmpty();
    assertThat(MasterLayout.isMetadata("_MANIFEST.json")).isTrue();
    assertThat(MasterLayout.isMetadata("ibm.us.txt")).isFalse();
  }

  @Test
  void theRootMustBeAbsolute() {
    assertThatThrownBy(() -> new MasterLayout("stocklambda")).hasMessageContaining("absolute");
  }

  @Test
  void runsAndVersionsAreNamesNeverPathsOrMarkup() {
    MasterLayout layout = new MasterLayout("/stocklambda");
    assertThat(layout.model("20261126-172800")).isEqualTo("/stocklambda/models/20261126-172800");
    assertThat(layout.training("demo-20261130-191658")).endsWith("/demo-20261130-191658");
    for (String bad :
        new String[] {"../../etc", "a/b", "..", "<b>x</b>", "v 1", "", ".hidden", "x..y"}) {
      assertThatThrownBy(() -> layout.model(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("model version must be");
      assertThatThrownBy(() -> layout.batchView(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
