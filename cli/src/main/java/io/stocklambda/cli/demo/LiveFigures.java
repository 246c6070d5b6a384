package io.stocklambda.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.stocklambda.core.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * What the demo shows while it runs, read from the real system: ticks in Kafka (the end offsets of
 * {@code ticks}), speed-view writes of the serving layer (its {@code /metrics}: a prediction, then
 * its outcome), predictions served per layer and the hit rate of resolved speed-layer predictions
 * (its {@code /api/overview}, Elasticsearch aggregations through the alias). A figure that cannot
 * be read right now is absent, never invented.
 */
final class LiveFigures implements AutoCloseable {

  /** One reading. */
  record Reading(
      long nanos,
      OptionalLong ticks,
      OptionalLong speedWrites,
      OptionalLong servedBatch,
      OptionalLong servedSpeed,
      OptionalLong resolved,
      OptionalDouble hitRate) {}

  private final Admin admin;
  private final String ticksTopic;
  private final URI serving;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  LiveFigures(String bootstrap, String ticksTopic, URI serving) {
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                4000,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "stocklambda-demo"));
    this.ticksTopic = ticksTopic;
    this.serving = serving;
  }

  Reading read() {
    OptionalLong ticks = ticks();
    OptionalLong writes = speedWrites();
    OptionalLong batch = OptionalLong.empty();
    OptionalLong speed = OptionalLong.empty();
    OptionalLong resolved = OptionalLong.empty();
    OptionalDouble hitRate = OptionalDouble.empty();
    JsonNode overview = get("/api/overview?limit=1");
    if (overview != null) {
      batch = OptionalLong.of(overview.path("servedByLayer").path("batch").asLong(0));
      speed = OptionalLong.of(overview.path("servedByLayer").path("speed").asLong(0));
      long n = 0;
      double hits = 0;
      for (JsonNode a : overview.path("accuracy")) {
        if ("speed".equalsIgnoreCase(a.path("layer").asText())) {
          n += a.path("resolved").asLong();
          hits += a.path("resolved").asLong() * a.path("hitRate").asDouble();
        }
      }
      resolved = OptionalLong.of(n);
      if (n > 0) {
        hitRate = OptionalDouble.of(hits / n);
      }
    }
    return new Reading(System.nanoTime(), ticks, writes, batch, speed, resolved, hitRate);
  }

  /** Whether the serving layer answers its health check with "up". */
  boolean servingUp() {
    JsonNode health = get("/api/health");
    return health != null && "up".equals(health.path("status").asText());
  }

  private OptionalLong ticks() {
    try {
      Map<String, TopicDescription> topics =
          admin.describeTopics(List.of(ticksTopic)).allTopicNames().get(4, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> request =
          topics.get(ticksTopic).partitions().stream()
              .collect(
                  Collectors.toMap(
                      p -> new TopicPartition(ticksTopic, p.partition()),
                      p -> OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
          admin.listOffsets(request).all().get(4, TimeUnit.SECONDS);
      return OptionalLong.of(
          offsets.values().stream()
              .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
              .sum());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return OptionalLong.empty(); // no topic yet, or the broker is busy: no figure this time
    }
  }

  private OptionalLong speedWrites() {
    String text = getText("/metrics");
    if (text == null) {
      return OptionalLong.empty();
    }
    for (String line : text.split("\n")) {
      if (line.startsWith("stocklambda_serving_speed_rows_total ")) {
        return OptionalLong.of(
            (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim()));
      }
    }
    return OptionalLong.empty();
  }

  private JsonNode get(String path) {
    String text = getText(path);
    if (text == null) {
      return null;
    }
    try {
      return Json.mapper().readTree(text);
    } catch (Exception e) {
      return null;
    }
  }

  private String getText(String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(serving.resolve(path)).timeout(Duration.ofSeconds(3)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (Exception e) {
      return null;
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }

  private static final java.time.format.DateTimeFormatter CLOCK =
      java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

  /**
   * One line of live figures: ticks and their rate, replay progress, speed-view writes, what is
   * served, the live hit rate.
   */
  static String statusLine(LiveFigures.Reading before, LiveFigures.Reading now, long liveRows) {
    double seconds = Math.max(1e-9, (now.nanos() - before.nanos()) / 1e9);
    StringBuilder line = new StringBuilder("  ").append(CLOCK.format(LocalTime.now()));
    if (now.ticks().isPresent()) {
      long ticks = now.ticks().getAsLong();
      line.append(String.format(Locale.ROOT, "  ticks %,d", ticks));
      if (before.ticks().isPresent()) {
        line.append(
            String.format(
                Locale.ROOT, " (%,.0f/s)", (ticks - before.ticks().getAsLong()) / seconds));
      }
      if (liveRows > 0) {
        line.append(
            String.format(
                Locale.ROOT, " replay %.0f%%", 100.0 * Math.min(ticks, liveRows) / liveRows));
      }
    } else {
      line.append("  ticks -");
    }
    if (now.speedWrites().isPresent()) {
      long writes = now.speedWrites().getAsLong();
      line.append(String.format(Locale.ROOT, "  speed-view writes %,d", writes));
      if (before.speedWrites().isPresent()) {
        line.append(
            String.format(
                Locale.ROOT, " (%,.0f/s)", (writes - before.speedWrites().getAsLong()) / seconds));
      }
    }
    if (now.servedSpeed().isPresent()) {
      line.append(
          String.format(
              Locale.ROOT,
              "  served: batch %,d + speed %,d",
              now.servedBatch().getAsLong(),
              now.servedSpeed().getAsLong()));
    } else {
      line.append("  served: -");
    }
    if (now.hitRate().isPresent()) {
      line.append(
          String.format(
              Locale.ROOT,
              "  speed hit rate %.1f%% of %,d",
              100 * now.hitRate().getAsDouble(),
              now.resolved().getAsLong()));
    } else {
      line.append("  speed hit rate - (none resolved yet)");
    }
    return line.toString();
  }
}
