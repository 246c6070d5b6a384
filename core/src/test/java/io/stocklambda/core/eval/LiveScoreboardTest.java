package io.stocklambda.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LiveScoreboardTest {

  @Test
  void figuresPerVersionAndLayerEqualTheBatchDefinitions() {
    Random random = new Random(7);
    int n = 2_000;
    double[] scores = new double[n];
    int[] labels = new int[n];
    LiveScoreboard board = new LiveScoreboard();
    double brier = 0;
    int hits = 0;
    for (int i = 0; i < n; i++) {
      // rounded to the board's resolution so the exact AUC is comparable, with many ties
      scores[i] = Math.round((0.45 + 0.1 * random.nextDouble()) * 1000) / 1000.0;
      labels[i] = random.nextDouble() < scores[i] + 0.05 ? 1 : 0;
      board.add(resolved("cand", Layer.SHADOW, scores[i], labels[i] == 1));
      board.add(open("cand", Layer.SHADOW, scores[i]));
      brier += (scores[i] - labels[i]) * (scores[i] - labels[i]);
      hits += (scores[i] > 0.5) == (labels[i] == 1) ? 1 : 0;
    }
    board.add(resolved("v1", Layer.SPEED, 0.7, true));

    LiveScoreboard.Row row = board.shadow("cand");
    assertThat(row.resolved()).isEqualTo(n);
    assertThat(row.auc()).isCloseTo(BinaryMetrics.auc(scores, labels), within(1e-12));
    assertThat(row.brier()).isCloseTo(brier / n, within(1e-12));
    assertThat(row.hitRate()).isEqualTo((double) hits / n);
    assertThat(row.upShare()).isEqualTo((double) java.util.Arrays.stream(labels).sum() / n);
    List<LiveScoreboard.Row> rows = board.rows();
    assertThat(rows).extracting(LiveScoreboard.Row::modelVersion).containsExactly("v1", "cand");
    assertThat(rows.get(0).auc()).as("one class only").isNull();
    assertThat(board.shadow("v1")).as("v1 served, not shadowed").isNull();
  }

  private static Prediction open(String version, Layer layer, double p) {
    return new Prediction(
        "ibm.us",
        LocalDate.of(2017, 11, 6),
        List.of(1.0),
        p,
        p > 0.5,
        version,
        layer,
        Instant.EPOCH,
        null,
        null);
  }

  private static Prediction resolved(String version, Layer layer, double p, boolean up) {
    return open(version, layer, p).withActual(up);
  }
}
