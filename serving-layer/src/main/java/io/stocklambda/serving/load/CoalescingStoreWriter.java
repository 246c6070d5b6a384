package io.stocklambda.serving.load;

import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.serving.LambdaMerge;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes polls' rows to stores (a stage of the speed view: HBase, or the stores after it) on a
 * thread of its own, in the order they were submitted: whatever has queued while a write was in
 * hand goes in the next one request, one row per (stock, date) as core's {@link LambdaMerge#newer}
 * keeps it, so a store that is slower than the polls gets fewer, larger requests instead of a
 * growing queue of small ones. A row a store refuses for good leaves its poll's rows (see {@link
 * SpeedRowWriter}: its record goes to the dead-letter topic); an older version of it from a poll
 * merged into the same request leaves too, unwritten: the dead-letter topic has the newest version
 * of that (stock, date). Rows of partitions revoked since their poll was submitted are not written
 * ({@link #revoke}): the partitions' new owner writes them, and may have already.
 *
 * <p>Once a write is stopped or fails (anything thrown, an {@link Error} included), every poll
 * after it completes the same way without being written, so no later poll's offsets can pass a poll
 * the stores do not have.
 */
final class CoalescingStoreWriter implements AutoCloseable {

  private record Queued(
      List<Prediction> rows,
      Map<Prediction, ConsumerRecord<byte[], byte[]>> sources,
      long poll,
      CompletableFuture<Boolean> written) {}

  /** Partitions revoked, each with the last poll submitted before, whose rows are not written. */
  private final Map<TopicPartition, Long> revoked = new ConcurrentHashMap<>();

  private final List<SpeedViewStore> stores;
  private final SpeedRowWriter writer;
  private final Runnable whileWaiting;
  private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile Throwable failure;

  /**
   * @param whileWaiting called at least once a second while a store is down
   */
  CoalescingStoreWriter(
      List<SpeedViewStore> stores, SpeedRowWriter writer, Runnable whileWaiting, String name) {
    this.stores = List.copyOf(stores);
    this.writer = writer;
    this.whileWaiting = whileWaiting;
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues a poll's rows (mutable: refused rows are removed from it).
   *
   * @param poll the poll's number, increasing, for {@link #revoke}
   * @return completes with true once every store has the rows, false if stopped before
   */
  CompletableFuture<Boolean> submit(
      List<Prediction> rows, Map<Prediction, ConsumerRecord<byte[], byte[]>> sources, long poll) {
    if (stores.isEmpty()) {
      return CompletableFuture.completedFuture(true);
    }
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    CompletableFuture<Boolean> written = new CompletableFuture<>();
    queue.add(new Queued(rows, sources, poll, written));
    return written;
  }

  /**
   * Queues a poll's rows here and, once written, what is left of them (this writer's stores'
   * refusals removed) to {@code next}.
   *
   * @return completes with true once every store of both has the rows, false if stopped before
   */
  CompletableFuture<Boolean> submit(
      List<Prediction> rows,
      Map<Prediction, ConsumerRecord<byte[], byte[]>> sources,
      long poll,
      CoalescingStoreWriter next) {
    return submit(rows, sources, poll)
        .thenCompose(
            written ->
                written
                    ? next.submit(rows, sources, poll)
                    : CompletableFuture.completedFuture(false));
  }

  /**
   * Rows of {@code partitions} from polls up to {@code upToPoll} are no longer written (they leave
   * their polls' rows): the partitions went to another member, which writes them from the last
   * committed offset, while these may still be queued (a rebalance waits for them 10 s at most).
   */
  void revoke(Collection<TopicPartition> partitions, long upToPoll) {
    partitions.forEach(tp -> revoked.merge(tp, upToPoll, Math::max));
  }

  private void loop() {
    List<Queued> group = new ArrayList<>();
    while (true) {
      group.clear();
      try {
        group.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(group);
      try {
        boolean written = failure == null && !stopped && write(group);
        stopped |= !written;
        if (failure != null) {
          group.forEach(q -> q.written().completeExceptionally(failure));
        } else {
          group.forEach(q -> q.written().complete(written));
        }
      } catch (Throwable e) { // an Error too: the loader must not wait forever
        failure = e;
        group.forEach(q -> q.written().completeExceptionally(e));
      }
    }
  }

  private boolean write(List<Queued> group) {
    if (!revoked.isEmpty()) {
      for (Queued q : group) {
        q.rows()
            .removeIf(
                p -> {
                  ConsumerRecord<byte[], byte[]> r = q.sources().get(p);
                  Long upTo =
                      r == null ? null : revoked.get(new TopicPartition(r.topic(), r.partition()));
                  return upTo != null && q.poll() <= upTo;
                });
      }
    }
    Map<String, Prediction> merged = new LinkedHashMap<>();
    Map<Prediction, ConsumerRecord<byte[], byte[]>> sources = new HashMap<>();
    for (Queued q : group) {
      q.rows().forEach(p -> merged.merge(PollRows.key(p), p, LambdaMerge::newer));
      sources.putAll(q.sources());
    }
    List<Prediction> batch = new ArrayList<>(merged.values());
    for (SpeedViewStore store : stores) {
      if (!writer.write(store, batch, sources, whileWaiting)) {
        return false;
      }
    }
    if (batch.size() < merged.size()) {
      Set<Prediction> kept = new HashSet<>(batch);
      Set<String> refused = new HashSet<>();
      merged.forEach(
          (key, p) -> {
            if (!kept.contains(p)) {
              refused.add(key);
            }
          });
      group.forEach(q -> q.rows().removeIf(p -> refused.contains(PollRows.key(p))));
    }
    return true;
  }

  /** Whether the writing thread still runs (it ends only when closed). */
  boolean isAlive() {
    return thread.isAlive();
  }

  /** Interrupts the writing thread and waits for it (10 s at most). */
  @Override
  public void close() {
    closeAll(List.of(this));
  }

  /** Interrupts every writer's thread, then waits for them, 10 s at most in all. */
  static void closeAll(List<CoalescingStoreWriter> writers) {
    writers.forEach(w -> w.thread.interrupt());
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    try {
      for (CoalescingStoreWriter w : writers) {
        w.thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
