package io.stocklambda.serving;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether the speed layer makes progress, seen from outside it as Kafka's own tools see a consumer
 * group (what {@code kafka-consumer-groups --describe} prints): every {@link #PERIOD} it reads the
 * offsets the speed layer's group (its Kafka Streams application id) has committed on the ticks
 * topic and the topic's end offsets. The speed layer is <em>stalled</em> when ticks wait (lag above
 * zero) and its committed offsets have not moved for {@link #STALLED_AFTER}: a wedged partition, a
 * crashed instance, or a stream thread failing over and over. A speed layer that never committed
 * (not started yet, or another application id) is reported as such without degrading health.
 */
public final class SpeedLayerWatch implements AutoCloseable {

  /** How often the group's offsets are read. */
  public static final Duration PERIOD = Duration.ofSeconds(10);

  /**
   * Waiting ticks and no committed progress for this long is a stall (the speed layer's own log
   * says STALLED after 60 s too).
   */
  public static final Duration STALLED_AFTER = Duration.ofSeconds(60);

  private final Admin admin;
  private final String groupId;
  private final String ticksTopic;
  private final Progress progress;
  private final AtomicReference<String> health = new AtomicReference<>("unknown: not checked yet");
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "speed-layer-watch");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param groupId the speed layer's application id (its consumer group)
   */
  public SpeedLayerWatch(
      String bootstrap, String groupId, String ticksTopic, Duration stalledAfter) {
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "stocklambda-serving-speed-watch",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                8_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000));
    this.groupId = groupId;
    this.ticksTopic = ticksTopic;
    this.progress = new Progress(stalledAfter.toMillis());
  }

  /** Starts checking every {@code period}. */
  public SpeedLayerWatch start(Duration period) {
    timer.scheduleWithFixedDelay(this::check, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * The speed layer's state for {@code /api/health}: "ok: ...", "stalled: ...", "not running: ..."
   * or "unknown: ...".
   */
  public String health() {
    return health.get();
  }

  /** One reading of the group's offsets; public for a test to drive it without the timer. */
  public void check() {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(8, TimeUnit.SECONDS)
              .entrySet()
              .stream()
              .filter(e -> e.getKey().topic().equals(ticksTopic) && e.getValue() != null)
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      if (committed.isEmpty()) {
        health.set(
            "not running: group '" + groupId + "' has committed no offset on '" + ticksTopic + "'");
        return;
      }
      Set<TopicPartition> partitions = committed.keySet();
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin
              .listOffsets(
                  partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
              .all()
              .get(8, TimeUnit.SECONDS);
      long position = 0;
      long lag = 0;
      for (TopicPartition p : partitions) {
        long at = committed.get(p).offset();
        position += at;
        lag += Math.max(0, ends.get(p).offset() - at);
      }
      health.set(progress.observe(System.currentTimeMillis(), position, lag));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      health.set(
          "unknown: cannot read group '"
              + groupId
              + "' from Kafka ("
              + cause.getClass().getSimpleName()
              + ": "
              + cause.getMessage()
              + ")");
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    admin.close(Duration.ofSeconds(5));
  }

  /**
   * The stall rule on successive readings of a group: the sum of its committed offsets (its
   * position) and the ticks waiting (its lag).
   */
  static final class Progress {
    private final long stalledAfterMillis;
    private long position = -1;
    private long since;

    Progress(long stalledAfterMillis) {
      this.stalledAfterMillis = stalledAfterMillis;
    }

    /**
     * @return "ok: ..." or "stalled: ..."
     */
    String observe(long nowMillis, long position, long lag) {
      if (position != this.position || lag == 0) {
        this.position = position;
        this.since = nowMillis;
      }
      long still = nowMillis - since;
      if (lag > 0 && still >= stalledAfterMillis) {
        return String.format(
            java.util.Locale.ROOT,
            "stalled: %,d tick(s) waiting and no offset committed for %d s",
            lag,
            still / 1000);
      }
      return String.format(java.util.Locale.ROOT, "ok: %,d tick(s) waiting", lag);
    }
  }
}
