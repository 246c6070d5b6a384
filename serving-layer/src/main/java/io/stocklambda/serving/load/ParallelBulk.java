package io.stocklambda.serving.load;

import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.serving.es.EsViews;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Bulk requests to one Elasticsearch index from several threads at once, so that the node always
 * has the next request queued while it indexes one (a single client thread leaves it idle between
 * requests). Chunks wait in a bounded queue, so memory stays a few chunks whatever the view's size;
 * each chunk is retried until written ({@link Backoff}), and writes are idempotent (one document id
 * per (stock, date)), so a retried chunk never duplicates.
 */
final class ParallelBulk implements AutoCloseable {

  private static final List<Prediction> END = List.of();

  private final EsViews es;
  private final String index;
  private final java.time.LocalDate labelsBefore;
  private final BooleanSupplier stopping;
  private final BlockingQueue<List<Prediction>> queue;
  private final ExecutorService pool;
  private final List<Future<Boolean>> writers;
  private final AtomicLong written = new AtomicLong();
  private volatile boolean stopped;

  /**
   * @param threads concurrent bulk requests
   */
  /**
   * @param labelsBefore the view's model's training cutoff, for each document's sample
   */
  ParallelBulk(
      EsViews es,
      String index,
      java.time.LocalDate labelsBefore,
      int threads,
      BooleanSupplier stopping) {
    if (threads < 1) {
      throw new IllegalArgumentException("at least one bulk writer, was " + threads);
    }
    this.es = es;
    this.index = index;
    this.labelsBefore = labelsBefore;
    this.stopping = () -> stopped || stopping.getAsBoolean();
    this.queue = new ArrayBlockingQueue<>(2 * threads);
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "es-bulk");
              t.setDaemon(true);
              return t;
            });
    this.writers =
        java.util.stream.IntStream.range(0, threads)
            .mapToObj(i -> pool.submit(this::drain))
            .toList();
  }

  /**
   * Queues a chunk, waiting while the queue is full.
   *
   * @return false if the load is stopping
   */
  boolean submit(List<Prediction> chunk) throws InterruptedException {
    while (!queue.offer(chunk, 250, TimeUnit.MILLISECONDS)) {
      if (stopping.getAsBoolean() || writers.stream().anyMatch(Future::isDone)) {
        return false;
      }
    }
    return true;
  }

  /** Documents written and acknowledged so far. */
  long written() {
    return written.get();
  }

  /**
   * Waits until every queued chunk is written.
   *
   * @return false if stopped before
   */
  boolean finish() throws InterruptedException {
    boolean all = true;
    for (int i = 0; i < writers.size(); i++) {
      queue.put(END);
    }
    for (Future<Boolean> writer : writers) {
      try {
        all &= writer.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(
            "an Elasticsearch bulk writer failed: " + e.getCause(), e.getCause());
      }
    }
    return all;
  }

  private boolean drain() throws InterruptedException {
    while (true) {
      List<Prediction> chunk = queue.take();
      if (chunk == END) {
        return true;
      }
      if (!Backoff.untilDoneOrFail(
          "Elasticsearch",
          chunk.size() + " batch rows",
          () -> es.writer().writeBatch(index, chunk, labelsBefore),
          stopping,
          () -> {})) {
        stopped = true;
        return false;
      }
      written.addAndGet(chunk.size());
    }
  }

  @Override
  public void close() {
    stopped = true;
    pool.shutdownNow();
  }
}
