package io.stocklambda.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stocklambda.core.prediction.Layer;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.embedded.stack.ElasticsearchSecurity;
import io.stocklambda.embedded.stack.EmbeddedStack;
import io.stocklambda.embedded.stack.Engine;
import io.stocklambda.embedded.stack.StackPorts;
import io.stocklambda.serving.es.EsCredentials;
import io.stocklambda.serving.es.EsViews;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The serving layer on Elasticsearch with security on, as the compose deployment runs it: a real
 * node with a bootstrap password, the {@code stocklambda} role made from the same file that
 * compose's {@code es-setup} posts, and every Elasticsearch operation of the serving layer done as
 * a user holding only that role. Missing, wrong and under-privileged logins fail with a message
 * that says what to change.
 */
class SecuredElasticsearchIT {

  private static final String ELASTIC_PASSWORD = "elastic-" + UUID.randomUUID();
  private static final EsCredentials SERVING =
      new EsCredentials("stocklambda", "serving-" + UUID.randomUUID());
  private static final EsCredentials MONITOR_ONLY =
      new EsCredentials("watcher", "watcher-" + UUID.randomUUID());
  private static final LocalDate D0 = LocalDate.of(2018, 1, 1);

  private static EmbeddedStack stack;
  private static String url;

  @BeforeAll
  static void securedElasticsearch() throws Exception {
    Path dir = Paths.get("target", "secured-elasticsearch");
    new EmbeddedStack(dir, line -> {}).down(); // whatever a crashed run left, then its data
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    ElasticsearchSecurity security =
        new ElasticsearchSecurity(
            ELASTIC_PASSWORD,
            Map.of("stocklambda", role(), "monitor_only", "{\"cluster\": [\"monitor\"]}"),
            List.of(
                new ElasticsearchSecurity.User(
                    SERVING.user(), SERVING.password(), List.of("stocklambda")),
                new ElasticsearchSecurity.User(
                    MONITOR_ONLY.user(), MONITOR_ONLY.password(), List.of("monitor_only"))));
    stack = new EmbeddedStack(dir, line -> System.out.println("[secured-es] " + line), security);
    stack.up(EnumSet.of(Engine.ELASTICSEARCH), StackPorts.free());
    url = stack.endpoints().elasticsearchUrl();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.down();
    }
  }

  @Test
  void withoutCredentialsTheErrorSaysWhichVariablesToSet() {
    assertThatThrownBy(() -> EsViews.connect(url, Optional.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("401")
        .hasMessageContaining(EsCredentials.USER_ENV)
        .hasMessageContaining(EsCredentials.PASSWORD_ENV);
  }

  @Test
  void aWrongPasswordIsRefusedNamingTheUser() {
    assertThatThrownBy(
            () ->
                EsViews.connect(
                    url,
                    Optional.of(new EsCredentials(SERVING.user(), "not-" + SERVING.password()))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refused user 'stocklambda' (401)");
  }

  @Test
  void aUserWithoutTheRoleIsToldWhichPrivilegesTheServingLayerNeeds() {
    assertThatThrownBy(() -> EsViews.connect(url, Optional.of(MONITOR_ONLY)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("denies user 'watcher'")
        .hasMessageContaining("(403)")
        .hasMessageContaining("'all' on the indices predictions*");
  }

  @Test
  void theComposeRoleCoversEverythingTheServingLayerDoesInElasticsearch() throws Exception {
    String stock = "sec.us";
    try (EsViews es = EsViews.connect(url, Optional.of(SERVING))) {
      // the speed view, days 1..10
      es.writer().writeSpeed(predictions(stock, 1, 10, Layer.SPEED, "speed-v1"));

      // a batch view up to day 6: its own index, loaded, finished, swapped in, speed rows expired
      String index = es.writer().createBatchIndex(1);
      es.writer().writeBatch(index, predictions(stock, -4, 6, Layer.BATCH, "batch-v1"), null);
      es.writer().finishBatchIndex(index);
      es.writer().swap(index, D0.plusDays(6));
      assertThat(es.writer().expireSpeed(D0.plusDays(6))).isEqualTo(6);
      String abandoned = es.writer().createBatchIndex(2);
      assertThat(es.writer().batchIndices()).containsExactlyInAnyOrder(index, abandoned);
      es.writer().deleteIndex(abandoned);
      es.writer().refresh();

      // every query the API makes
      List<Prediction> merged = es.queries().merged(stock, D0.minusDays(10), D0.plusDays(20), 100);
      assertThat(merged).hasSize(15);
      assertThat(merged)
          .filteredOn(p -> p.layer() == Layer.BATCH)
          .hasSize(11)
          .allMatch(p -> !p.date().isAfter(D0.plusDays(6)));
      assertThat(es.writer().servedBatchIndices()).containsExactly(index);
      assertThat(es.queries().stocks())
          .extracting(io.stocklambda.serving.es.EsQueries.StockSummary::stock)
          .contains(stock);
      assertThat(es.queries().accuracy())
          .extracting(io.stocklambda.serving.es.EsQueries.Accuracy::modelVersion)
          .contains("batch-v1");
      assertThat(es.queries().latest(3)).hasSize(3);
      assertThat(es.queries().mostConfident(3))
          .as("the open calls: batch day 6, speed day 10")
          .hasSize(2)
          .noneMatch(Prediction::isResolved);
      assertThat(es.queries().countByLayer())
          .containsEntry("batch", 11L)
          .containsEntry("speed", 4L);
      assertThat(es.health()).startsWith("ok");
    }
  }

  private static List<Prediction> predictions(
      String stock, int firstDay, int lastDay, Layer layer, String model) {
    List<Prediction> out = new ArrayList<>();
    for (int day = firstDay; day <= lastDay; day++) {
      double p = 0.3 + (day + 10) % 7 / 10.0;
      Prediction prediction =
          new Prediction(
              stock,
              D0.plusDays(day),
              List.of(100.0 + day, 101.0 + day),
              p,
              p > 0.5,
              model,
              layer,
              Instant.now(),
              null,
              null);
      out.add(day < lastDay ? prediction.withActual(day % 2 == 0) : prediction);
    }
    return out;
  }

  /** The role compose's {@code es-setup} creates, from the same file. */
  private static String role() throws IOException {
    try (InputStream in = EsViews.class.getResourceAsStream("/es/stocklambda-role.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
