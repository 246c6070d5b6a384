package io.stocklambda.serving.load;

import io.stocklambda.serving.ServingMetrics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speed-view loader's consumer as a member of its group: waits that keep the membership (the
 * partitions paused and polled), and the commits of written polls. Used from the loader's thread
 * only, as the consumer must be.
 */
final class LoaderGroupMember {

  private static final Logger LOG = LoggerFactory.getLogger(LoaderGroupMember.class);

  private final Consumer<byte[], byte[]> consumer;
  private final ServingMetrics metrics;
  private final BooleanSupplier stopping;

  /** The offsets of every written poll, committed once more, synchronously, on the way out. */
  private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();

  /** False inside a rebalance callback and on the way out: waiting then must not poll. */
  private boolean polling = true;

  LoaderGroupMember(
      Consumer<byte[], byte[]> consumer, ServingMetrics metrics, BooleanSupplier stopping) {
    this.consumer = consumer;
    this.metrics = metrics;
    this.stopping = stopping;
  }

  void polling(boolean polling) {
    this.polling = polling;
  }

  /**
   * Commits written polls' offsets: asynchronously in the loop (Kafka's pattern: a later commit
   * covers a failed one, the last is synchronous), so the loader goes on to its next poll.
   */
  void commit(Map<TopicPartition, OffsetAndMetadata> written, boolean sync, int rows) {
    // a partition revoked meanwhile is its new owner's to commit
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(written);
    offsets.keySet().retainAll(consumer.assignment());
    if (offsets.isEmpty()) {
      return;
    }
    committed.putAll(offsets);
    try {
      if (sync) {
        consumer.commitSync(offsets);
      } else {
        consumer.commitAsync(
            offsets,
            (o, failure) -> {
              if (failure != null) {
                LOG.warn("offsets {} not committed ({}); a later commit covers them", o, failure);
              }
            });
      }
    } catch (CommitFailedException | RebalanceInProgressException e) {
      // the rows are written; whoever owns the partitions now rewrites them, idempotently
      LOG.warn(
          "offsets not committed ({}); the next owner of the partitions loads these {} rows again, idempotently",
          e.getMessage(),
          rows);
    }
  }

  /** Partitions gone to another member: their offsets are theirs to commit. */
  void revoked(Collection<TopicPartition> partitions) {
    committed.keySet().removeAll(partitions);
  }

  /** The offsets of every written poll, synchronously; a wakeup of a stop is spent first. */
  void commitLast() {
    committed.keySet().retainAll(consumer.assignment());
    for (int attempt = 0; attempt < 2 && !committed.isEmpty(); attempt++) {
      try {
        consumer.commitSync(committed);
        return;
      } catch (WakeupException e) {
        // the stop's, not spent by a poll: the next try goes through
      } catch (RuntimeException e) {
        LOG.warn("last offsets not committed ({}); those polls are loaded again", e.toString());
        return;
      }
    }
  }

  /**
   * Waits for a write on another thread, polling (paused) every 200 ms to stay in the group; when
   * stopping or inside a rebalance callback, where it must not poll, 10 s at most.
   *
   * @param alive whether the writing thread still runs
   * @return the write's result, false if stopped first
   * @throws IllegalStateException if the write failed or its thread is gone
   */
  boolean await(Future<Boolean> write, BooleanSupplier alive) {
    boolean paused = false;
    long giveUpAt = Long.MAX_VALUE;
    try {
      while (true) {
        try {
          return write.get(200, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (!alive.getAsBoolean()) {
            throw new IllegalStateException("the speed view's writer thread is gone");
          }
          metrics.speedStalled(); // reset by the next poll written
          if (stopping.getAsBoolean() || !polling) {
            if (giveUpAt == Long.MAX_VALUE) {
              giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            }
            if (System.nanoTime() > giveUpAt) {
              return false;
            }
            continue;
          }
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
