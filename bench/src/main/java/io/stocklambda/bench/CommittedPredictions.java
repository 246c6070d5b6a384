package io.stocklambda.bench;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.json.MalformedRecordException;
import io.stocklambda.core.prediction.Prediction;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The end-to-end benchmark's first two stages of a probe: when the speed layer scored its tick (the
 * prediction's {@code scoredAt}, the speed layer's clock, the same machine's) and when the
 * prediction was readable by a read_committed consumer of {@code predictions}, the serving loader's
 * view, each in ms after the tick's send. What is left of the time to HBase and Elasticsearch is
 * the serving layer's and the stores'. {@code scoredAt} is Kafka Streams' wall clock as the
 * processor sees it, which the stream thread refreshes once per batch of records, not per record:
 * the scored stage is a lower bound, and the rest of its batch's processing counts in the Kafka
 * stage.
 */
final class CommittedPredictions implements Runnable, AutoCloseable {

  private static final JsonCodec<Prediction> PREDICTIONS = JsonCodec.of(Prediction.class);

  /** A probe's prediction not seen within this long (ms) after its tick's send counts as lost. */
  private static final long GIVE_UP_MS = 60_000;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, EndToEndRuns.Probe> pending = new ConcurrentHashMap<>();

  /**
   * Stocks of the probes (keys of the prediction records): only their records are decoded, so the
   * reader's CPU, taken from the cores the layers share, does not grow with the rate.
   */
  private final Set<String> probed = ConcurrentHashMap.newKeySet();

  private final AtomicBoolean sending;
  private final AtomicBoolean aborted;
  final Histogram scored = new Histogram(3_600_000L, 3);
  final Histogram committed = new Histogram(3_600_000L, 3);
  final AtomicLong lost = new AtomicLong();

  /**
   * Reads {@code topic} from its end now, so a run sees only its own predictions.
   *
   * @param sending false once the run's ticks are all sent
   * @param aborted set when the run failed: the reader stops at once
   */
  CommittedPredictions(
      String bootstrap, String topic, AtomicBoolean sending, AtomicBoolean aborted) {
    this.sending = sending;
    this.aborted = aborted;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                // the broker answers a fetch as soon as there are records; this bounds the wait
                // of one that finds none, so the reader never adds a wait of its own
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                10),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolves the end now, not at the first poll
  }

  /** Follows a probe; call before its tick is sent. */
  void expect(EndToEndRuns.Probe probe) {
    probed.add(probe.stock());
    pending.put(key(probe.stock(), probe.date()), probe);
  }

  /** Reads until every probe is seen or lost (60 s after its send), or the run is aborted. */
  @Override
  public void run() {
    while (!aborted.get() && (!pending.isEmpty() || sending.get())) {
      long now = System.currentTimeMillis();
      pending
          .values()
          .removeIf(
              probe -> {
                boolean gone = now - probe.sentAt() > GIVE_UP_MS;
                if (gone) {
                  lost.incrementAndGet();
                }
                return gone;
              });
      try {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(10))) {
          accept(r);
        }
      } catch (RuntimeException e) {
        // the broker busy for a moment: read on; a probe never seen is counted lost
      }
    }
  }

  private void accept(ConsumerRecord<byte[], byte[]> r) {
    if (r.key() != null
        && !probed.contains(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))) {
      return;
    }
    long now = System.currentTimeMillis();
    Prediction p;
    try {
      p = PREDICTIONS.decode(r.value());
    } catch (MalformedRecordException e) {
      return; // not a prediction: the loader's dead-letter topic takes it, not measured here
    }
    EndToEndRuns.Probe probe = pending.remove(key(p.stock(), p.date()));
    if (probe != null) {
      if (p.scoredAt() != null) {
        scored.recordValue(Math.max(0, p.scoredAt().toEpochMilli() - probe.sentAt()));
      }
      committed.recordValue(Math.max(0, now - probe.sentAt()));
    }
  }

  private static String key(String stock, LocalDate date) {
    return stock + '|' + date;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
