package io.stocklambda.serving.load;

import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.serving.LambdaMerge;
import io.stocklambda.kafka.DeadLetterSink;
import io.stocklambda.serving.ServingMetrics;
import io.stocklambda.serving.api.LiveFeed;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speed view's way into the serving stores: consumes {@code predictions} (read_committed),
 * keeps per poll the one record per (stock, date) that core's {@link LambdaMerge#newer} keeps,
 * writes them to every store in order, each until it succeeds, and only then commits the offsets. A
 * row a store refuses for good ({@link RejectedException}) goes to the dead-letter topic with the
 * reason and is left out of every store written after; the rest of the poll is loaded. An outage of
 * a store stalls the loader once {@link #MAX_ROWS_IN_FLIGHT} rows wait for it (partitions paused,
 * membership kept) and loses nothing; the backlog is caught up when it is back. Records that are
 * not predictions go to the dead-letter topic, durably before the offsets pass them.
 *
 * <p>Pipelined (issue 18): the loader's thread polls and decodes; HBase takes the polls' rows on a
 * thread of its own, the stores after it (Elasticsearch) on another, each what queued while it
 * wrote in one request ({@link CoalescingStoreWriter}), at most {@link #MAX_ROWS_IN_FLIGHT} rows
 * behind: a row is readable in HBase without waiting for a bulk request, and the pace is the
 * slowest stage's, not the sum of their times (HBase on the loader's thread, at 10,000 ticks/s,
 * kept it waiting 44 % of the time). Each store takes the polls in order, a row the first refuses
 * never reaches the later ones, and a poll's offsets are committed, in order, once every store has
 * its rows.
 */
public final class SpeedViewLoader implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(SpeedViewLoader.class);

  private final Consumer<byte[], byte[]> consumer;
  private final String topic;
  private final List<SpeedViewStore> stores;
  private final DeadLetterSink deadLetters;
  private final LiveFeed feed;
  private final ServingMetrics metrics;
  private final CoalescingStoreWriter first;
  private final CoalescingStoreWriter later;
  private volatile boolean stopping;

  /**
   * Rows handed to the stores and not yet in all of them, at most (a poll without rows counts as
   * one): a bound on memory while a store catches up, about 2.7 full polls ({@link
   * SpeedViewConsumer}); in polls (16, earlier) it held HBase back at low rates, where polls are
   * small (issue 18).
   */
  static final int MAX_ROWS_IN_FLIGHT = 80_000;

  /**
   * A poll on its way through the stores.
   *
   * @param weight its rows when handed on (at least 1), towards {@link #MAX_ROWS_IN_FLIGHT}
   */
  private record InFlight(
      List<Prediction> rows,
      Map<TopicPartition, OffsetAndMetadata> offsets,
      Future<Boolean> rest,
      int weight) {}

  private final Deque<InFlight> inFlight = new ArrayDeque<>();

  /** Polls taken so far, the one in hand included (loader's thread only). */
  private long polls;

  /**
   * Partitions revoked or lost while {@link #accept} waited at the bound: even if assigned again
   * since, the poll in hand leaves them (its rows of them are dropped by the writers, so its
   * offsets must not pass them either).
   */
  private final Set<TopicPartition> goneWhileWaiting = new java.util.HashSet<>();

  private final LoaderGroupMember member;

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
    SpeedRowWriter writer = new SpeedRowWriter(deadLetters, metrics, () -> stopping);
    this.member = new LoaderGroupMember(consumer, metrics, () -> stopping);
    // a writing thread counts its own stalls; the loader's keeps the membership while it waits
    int split = Math.min(1, this.stores.size());
    this.first =
        new CoalescingStoreWriter(
            this.stores.subList(0, split), writer, metrics::speedStalled, "speed-view-first");
    this.later =
        new CoalescingStoreWriter(
            this.stores.subList(split, this.stores.size()),
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
    consumer.subscribe(List.of(topic), new Revocations());
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
      member.polling(false);
      try {
        complete(false); // the polls in flight, committed if every store took them before the stop
        member.commitLast();
      } catch (RuntimeException e) {
        LOG.warn("polls in flight not committed ({}); they are loaded again", e.toString());
      } finally {
        if (!stopping) {
          metrics.speedStalled(); // the loader ended on its own: health turns degraded
        }
        CoalescingStoreWriter.closeAll(List.of(first, later));
        consumer.close(Duration.ofSeconds(10));
      }
    }
  }

  /** One poll into every store, then its commit; false if stopped before they had it. */
  boolean load(ConsumerRecords<byte[], byte[]> records) {
    return accept(records) && complete(true);
  }

  /**
   * Hands a poll's rows to the first store's thread, which hands them on to the later stores' once
   * written, first waiting for the oldest polls in flight while {@link #MAX_ROWS_IN_FLIGHT} rows
   * are; false if stopped first.
   */
  boolean accept(ConsumerRecords<byte[], byte[]> records) {
    PollRows poll = PollRows.of(records, deadLetters, metrics);
    List<Prediction> batch = poll.rows();
    Map<Prediction, ConsumerRecord<byte[], byte[]>> sources = poll.sources();
    Map<TopicPartition, OffsetAndMetadata> offsets = poll.offsets();
    long number = ++polls;
    goneWhileWaiting.clear();
    consumer.pause(consumer.assignment());
    try {
      while (!inFlight.isEmpty()
          && inFlight.stream().mapToLong(InFlight::weight).sum() + batch.size()
              > MAX_ROWS_IN_FLIGHT) {
        if (!completeOldest(false)) {
          return false;
        }
      }
      Set<TopicPartition> assigned = new java.util.HashSet<>(consumer.assignment());
      assigned.removeAll(goneWhileWaiting);
      if (!assigned.containsAll(offsets.keySet())) {
        // revoked while the bound waited (its polls ran the callback): the new owner writes those
        // rows, and commits them
        batch.removeIf(
            p -> !assigned.contains(new TopicPartition(topic, sources.get(p).partition())));
        offsets.keySet().retainAll(assigned);
      }
      int weight = Math.max(1, batch.size());
      inFlight.add(
          new InFlight(batch, offsets, first.submit(batch, sources, number, later), weight));
      return true;
    } finally {
      consumer.resume(consumer.paused());
    }
  }

  private boolean writersAlive() {
    return first.isAlive() && later.isAlive();
  }

  /** Completes every poll in flight, waiting for the stores; false if stopped first. */
  boolean complete(boolean sync) {
    while (!inFlight.isEmpty()) {
      if (!completeOldest(sync)) {
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
   * Waits for the oldest poll in flight (keeping the membership), then commits it, unless a
   * rebalance callback, which the wait's polls may run, finished it meanwhile.
   */
  private boolean completeOldest(boolean sync) {
    InFlight oldest = inFlight.peekFirst();
    boolean written;
    try {
      written = member.await(oldest.rest(), this::writersAlive);
    } catch (RuntimeException e) {
      inFlight.clear();
      throw e;
    }
    if (inFlight.peekFirst() != oldest) {
      return true; // taken by the callback
    }
    inFlight.removeFirst();
    if (!written) {
      inFlight.clear();
      return false;
    }
    return finish(List.of(oldest), sync);
  }

  /**
   * Makes written polls' dead letters durable, commits their offsets in one request and publishes
   * their rows, oldest first, up to the first the stores do not have (false then: it and every poll
   * in flight are dropped, none committed; the writer fails every poll after one it did not write,
   * so no later offsets pass it). In the loop the commit is asynchronous (Kafka's pattern: a later
   * commit covers a failed one, the last is synchronous), so the loader's thread goes on to the
   * next poll.
   */
  private boolean finish(List<InFlight> polls, boolean sync) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    List<Prediction> rows = new ArrayList<>();
    boolean all = true;
    try {
      for (InFlight poll : polls) {
        if (!member.await(poll.rest(), this::writersAlive)) { // done: returns at once, never polls
          all = false;
          break;
        }
        offsets.putAll(poll.offsets());
        rows.addAll(poll.rows());
      }
    } catch (RuntimeException e) {
      inFlight.clear();
      throw e;
    }
    if (!all) {
      inFlight.clear();
    }
    if (!offsets.isEmpty()) {
      deadLetters.flush();
      member.commit(offsets, sync, rows.size());
      metrics.speedRows.add(rows.size());
      metrics.speedProgressed();
      feed.publish(rows);
    }
    return all;
  }

  /**
   * Before partitions go to another member, every poll in flight is written and committed, so that
   * the new owner's writes do not race this member's; if the stores do not take them within 10 s
   * (the callback must not hold the rebalance longer), the writers drop the revoked partitions'
   * rows still queued ({@link CoalescingStoreWriter#revoke}) and none of their offsets is
   * committed; only a request already in hand may land after the new owner's writes.
   */
  private final class Revocations implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      member.polling(false);
      try {
        complete(true);
      } catch (RuntimeException e) {
        LOG.warn("polls in flight not committed before a rebalance ({})", e.toString());
      } finally {
        gone(partitions);
        member.polling(true);
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

    /** Lost, not revoked: nothing of them can be committed any more, or should be written. */
    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      gone(partitions);
    }

    /** Nothing of the partitions is written or committed by this member any more. */
    private void gone(Collection<TopicPartition> partitions) {
      goneWhileWaiting.addAll(partitions);
      first.revoke(partitions, polls);
      later.revoke(partitions, polls);
      inFlight.forEach(poll -> poll.offsets().keySet().removeAll(partitions));
      member.revoked(partitions);
    }
  }
}
