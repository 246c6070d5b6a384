package io.stocklambda.serving.load;

import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.serving.LambdaMerge;
import io.stocklambda.kafka.DeadLetterSink;
import io.stocklambda.serving.ServingMetrics;
import io.stocklambda.serving.api.LiveFeed;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speed view's way into the serving stores: consumes {@code predictions} (read_committed),
 * keeps per poll the one record per (stock, date) that core's {@link LambdaMerge#newer} keeps,
 * writes them to every store in order, each until it succeeds, and only then commits the offsets. A
 * row a store refuses for good ({@link RejectedException}) goes to the dead-letter topic with the
 * reason and is left out of every store written after; the rest of the poll is loaded. An outage of
 * a store stalls the loader (partitions paused, membership kept) and loses nothing; the backlog is
 * caught up when it is back. Records that are not predictions go to the dead-letter topic, durably
 * before the offsets pass them.
 *
 * <p>Pipelined (issue 18): the first store (HBase) takes each poll's rows on the loader's thread
 * while the stores after it (Elasticsearch) write earlier polls' on a thread of their own, at most
 * {@link #MAX_IN_FLIGHT} polls behind, so a row is readable in HBase without waiting for a bulk
 * request, and the loader's pace is the slowest store's, not the sum of their times. Each store
 * takes the polls in order, and a poll's offsets are committed, in order, once every store has its
 * rows.
 */
public final class SpeedViewLoader implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(SpeedViewLoader.class);

  private final Consumer<byte[], byte[]> consumer;
  private final String topic;
  private final List<SpeedViewStore> stores;
  private final DeadLetterSink deadLetters;
  private final LiveFeed feed;
  private final ServingMetrics metrics;
  private final SpeedRowWriter writer;
  private final CoalescingStoreWriter later;
  private volatile boolean stopping;

  /**
   * Polls written to the first store and not yet to all the others, at most: a bound on memory
   * (5,000 records a poll) while Elasticsearch, which takes what queued in one request, catches up.
   */
  static final int MAX_IN_FLIGHT = 16;

  /** A poll written to the first store, on its way through the others. */
  private record InFlight(
      List<Prediction> rows,
      Map<TopicPartition, OffsetAndMetadata> offsets,
      Future<Boolean> rest) {}

  private final Deque<InFlight> inFlight = new ArrayDeque<>();

  /** The offsets the loop committed asynchronously, committed again on the way out. */
  private final Map<TopicPartition, OffsetAndMetadata> committedAsync = new HashMap<>();

  public SpeedViewLoader(
      Consumer<byte[], byte[]> consumer,
      String topic,
      List<SpeedViewStore> stores,
      DeadLetterSink deadLetters,
      LiveFeed feed,
      ServingMetrics metrics) {
    this.consumer = consumer;
    this.topic = topic;
    this.stores = List.copyOf(stores);
    this.deadLetters = deadLetters;
    this.feed = feed;
    this.metrics = metrics;
    this.writer = new SpeedRowWriter(deadLetters, metrics, () -> stopping);
    // only that thread's own stall is counted there; the loader's thread keeps the group
    // membership while it waits for it
    this.later =
        new CoalescingStoreWriter(
            this.stores.subList(Math.min(1, this.stores.size()), this.stores.size()),
            writer,
            metrics::speedStalled,
            "speed-view-writer");
  }

  /** Asks the loop to stop after the batch in hand; safe from any thread. */
  public void stop() {
    stopping = true;
    consumer.wakeup();
  }

  @Override
  public void run() {
    consumer.subscribe(List.of(topic));
    try {
      while (!stopping) {
        ConsumerRecords<byte[], byte[]> records =
            consumer.poll(Duration.ofMillis(inFlight.isEmpty() ? 500 : 10));
        if (!completeWritten() || (!records.isEmpty() && !accept(records))) {
          break;
        }
      }
    } catch (WakeupException e) {
      if (!stopping) {
        throw e;
      }
    } finally {
      try {
        complete(); // the polls in flight, committed if every store took them before the stop
        consumer.commitSync(committedAsync); // the last of the loop's commits, made sure of
      } catch (RuntimeException e) {
        LOG.warn(
            "the last poll's offsets were not committed ({}); it is loaded again", e.toString());
      }
      later.close();
      consumer.close(Duration.ofSeconds(10));
    }
  }

  /** One poll into every store, then its commit; false if stopped before they had it. */
  boolean load(ConsumerRecords<byte[], byte[]> records) {
    return accept(records) && complete();
  }

  /**
   * Writes a poll's rows to the first store and hands them to the stores after it, first waiting
   * for the oldest poll in flight if {@link #MAX_IN_FLIGHT} are; false if stopped first.
   */
  boolean accept(ConsumerRecords<byte[], byte[]> records) {
    PollRows poll = PollRows.of(records, deadLetters, metrics);
    List<Prediction> batch = poll.rows();
    Map<Prediction, ConsumerRecord<byte[], byte[]>> sources = poll.sources();
    Map<TopicPartition, OffsetAndMetadata> offsets = poll.offsets();
    consumer.pause(consumer.assignment());
    try {
      if (!stores.isEmpty()
          && !writer.write(stores.get(0), batch, sources, this::stalledKeepingMembership)) {
        return false;
      }
      while (inFlight.size() >= MAX_IN_FLIGHT) {
        if (!finish(List.of(inFlight.removeFirst()), false)) {
          return false;
        }
      }
      inFlight.add(new InFlight(batch, offsets, later.submit(batch, sources)));
      return true;
    } finally {
      consumer.resume(consumer.paused());
    }
  }

  /** Completes every poll in flight, waiting for the stores; false if stopped first. */
  boolean complete() {
    while (!inFlight.isEmpty()) {
      if (!finish(List.of(inFlight.removeFirst()), true)) {
        return false;
      }
    }
    return true;
  }

  /** Completes the polls in flight that every store has taken, oldest first, without waiting. */
  private boolean completeWritten() {
    List<InFlight> done = new ArrayList<>();
    while (!inFlight.isEmpty() && inFlight.peekFirst().rest().isDone()) {
      done.add(inFlight.removeFirst());
    }
    return done.isEmpty() || finish(done, false);
  }

  /**
   * Waits for the polls (oldest first) to reach every store, then makes their dead letters durable,
   * commits their offsets in one request and publishes their rows; false if stopped first (the
   * polls written before are still committed, none after). In the loop the commit is asynchronous
   * (Kafka's pattern: a later commit covers a failed one, the last is synchronous), so the loader's
   * thread goes on to the next poll's HBase write.
   */
  private boolean finish(List<InFlight> polls, boolean sync) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    List<Prediction> rows = new ArrayList<>();
    boolean all = true;
    for (InFlight poll : polls) {
      if (!written(poll.rest())) {
        all = false;
        inFlight.clear();
        break;
      }
      offsets.putAll(poll.offsets());
      rows.addAll(poll.rows());
    }
    if (!offsets.isEmpty()) {
      deadLetters.flush();
      try {
        if (sync) {
          consumer.commitSync(offsets);
        } else {
          consumer.commitAsync(offsets, this::committed);
          committedAsync.putAll(offsets);
        }
      } catch (CommitFailedException | RebalanceInProgressException e) {
        // the rows are written; whoever owns the partitions now rewrites them, idempotently
        LOG.warn(
            "offsets not committed ({}); the next owner of the partitions loads these {} rows again, idempotently",
            e.getMessage(),
            rows.size());
      }
      metrics.speedRows.add(rows.size());
      metrics.speedProgressed();
      feed.publish(rows);
    }
    return all;
  }

  private void committed(Map<TopicPartition, OffsetAndMetadata> offsets, Exception failure) {
    if (failure != null) {
      LOG.warn(
          "offsets {} not committed ({}); a later commit covers them", offsets, failure.toString());
    }
  }

  /** Waits for the stores after the first, polling (paused) every 200 ms to stay in the group. */
  private boolean written(Future<Boolean> rest) {
    boolean paused = false;
    try {
      while (true) {
        try {
          return rest.get(200, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (!paused) {
            consumer.pause(consumer.assignment());
            paused = true;
          }
          keepMembership();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("writing the speed view failed", e.getCause());
    } finally {
      if (paused) {
        consumer.resume(consumer.paused());
      }
    }
  }

  private void stalledKeepingMembership() {
    metrics.speedStalled();
    keepMembership();
  }

  /**
   * Polls with every partition paused, so the group keeps this member while a store is down; a
   * partition assigned meanwhile is not paused yet, so anything it returns is sought back, unread.
   */
  private void keepMembership() {
    ConsumerRecords<byte[], byte[]> unexpected = consumer.poll(Duration.ZERO);
    for (TopicPartition tp : unexpected.partitions()) {
      consumer.seek(tp, unexpected.records(tp).get(0).offset());
    }
    consumer.pause(consumer.assignment());
  }
}
