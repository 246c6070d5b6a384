package io.stocklambda.bench;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.serving.es.EsViews;
import io.stocklambda.serving.hbase.HBaseViews;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One rate of the end-to-end benchmark: ticks produced at the rate, each probe's prediction looked
 * for in HBase and Elasticsearch until seen.
 */
abstract class EndToEndRuns extends EndToEndOptions {

  static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);
  static final LocalDate FIRST_DAY = LocalDate.of(2100, 1, 4);

  record Probe(String stock, LocalDate date, long sentAt) {}

  /**
   * @param lost lookups not answered within 60 s, counted per store (a probe seen in neither counts
   *     twice)
   */
  record Result(int rate, long ticks, Histogram hbase, Histogram es, long lost) {}

  Result runRate(
      KafkaProducer<String, byte[]> producer,
      HBaseViews hbase,
      EsViews es,
      String topic,
      String prefix,
      int rate,
      List<Process> layers,
      int seconds)
      throws InterruptedException {
    Histogram hbaseLatency = new Histogram(3_600_000L, 3);
    Histogram esLatency = new Histogram(3_600_000L, 3);
    ConcurrentLinkedQueue<Probe> hbasePending = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Probe> esPending = new ConcurrentLinkedQueue<>();
    AtomicLong lost = new AtomicLong();
    AtomicBoolean sending = new AtomicBoolean(true);
    // one checker a store, so that a slow search never delays seeing a row in HBase
    Thread hbaseChecker =
        new Thread(
            () ->
                check(
                    hbasePending,
                    p -> !hbase.queries().merged(p.stock(), p.date(), p.date(), 1).isEmpty(),
                    hbaseLatency,
                    sending,
                    lost),
            "e2e-hbase-checker");
    Thread esChecker =
        new Thread(
            () ->
                check(
                    esPending,
                    p -> !es.queries().merged(p.stock(), p.date(), p.date(), 1).isEmpty(),
                    esLatency,
                    sending,
                    lost),
            "e2e-es-checker");
    hbaseChecker.start();
    esChecker.start();
    int days = 5 + seconds;
    long ticks = 0;
    long start = System.nanoTime();
    long probeEvery = Math.max(1, rate / probesPerSecond);
    System.out.printf(
        "rate %,d ticks/s: %d stocks, %d trading days, one a second%n", rate, rate, days);
    for (int day = 0; day < days; day++) {
      LocalDate date = FIRST_DAY.plusDays(day);
      for (int s = 0; s < rate; s++) {
        long due = start + (long) ((day * (double) rate + s) * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        for (Process p : layers) {
          if (!p.isAlive()) {
            throw new IllegalStateException(
                "a layer exited with " + p.exitValue() + "; see its log");
          }
        }
        String stock = prefix + "-" + s + ".us";
        double close = 10 + ((s * 31 + day * 17) % 100) / 10.0;
        Tick tick = new Tick(stock, date, close, close, close, close, 1000);
        long now = System.currentTimeMillis();
        producer.send(new ProducerRecord<>(topic, null, now, stock, TICKS.encode(tick)));
        ticks++;
        if (day >= 5 && ticks % probeEvery == 0) {
          Probe probe = new Probe(stock, date, now);
          hbasePending.add(probe);
          esPending.add(probe);
        }
      }
    }
    producer.flush();
    sending.set(false);
    hbaseChecker.join();
    esChecker.join();
    return new Result(rate, ticks, hbaseLatency, esLatency, lost.get());
  }

  /** A store's lookup of a probe's prediction. */
  @FunctionalInterface
  interface Lookup {
    boolean found(Probe probe) throws IOException;
  }

  /** How often a new probe is looked up, in milliseconds. */
  static final long LOOKUP_EVERY_MS = 10;

  /**
   * A probe pending for {@code t} ms is looked up again after {@code max(10, t / 20)} ms: the
   * back-off over-states its latency by at most 10 ms or 5 % (on top of the 10 ms pause between
   * sweeps and the time a sweep's lookups take, as before), and a backlog's probes do not load the
   * stores they measure. Looking up every pending probe every 10 ms, as before, made 10,000 lookups
   * a second into each store once 100 probes were pending, and the checkers took a core of the 2
   * that the layers under test share.
   */
  static final long BACK_OFF_DIVISOR = 20;

  /** After a probe has waited {@code waitedMs}, how long until its next lookup, in ms. */
  static long lookupInterval(long waitedMs) {
    return Math.max(LOOKUP_EVERY_MS, waitedMs / BACK_OFF_DIVISOR);
  }

  /** A probe not yet seen in one store, and when to look it up next (epoch ms). */
  private static final class Pending {
    final Probe probe;
    long nextLookup;

    Pending(Probe probe) {
      this.probe = probe;
    }
  }

  /**
   * Looks up each probe in one store until its prediction is there (60 s at most, then it counts as
   * lost), backing off as it waits ({@link #BACK_OFF_DIVISOR}).
   */
  static void check(
      ConcurrentLinkedQueue<Probe> arriving,
      Lookup store,
      Histogram latency,
      AtomicBoolean sending,
      AtomicLong lost) {
    List<Pending> pending = new ArrayList<>();
    while (sending.get() || !arriving.isEmpty() || !pending.isEmpty()) {
      for (Probe p = arriving.poll(); p != null; p = arriving.poll()) {
        pending.add(new Pending(p));
      }
      for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
        Pending p = it.next();
        if (p.nextLookup > System.currentTimeMillis()) {
          continue;
        }
        try {
          if (store.found(p.probe)) {
            latency.recordValue(System.currentTimeMillis() - p.probe.sentAt());
            it.remove();
            continue;
          }
        } catch (IOException e) {
          // a store busy for a moment: look again
        }
        long now = System.currentTimeMillis();
        long waited = now - p.probe.sentAt();
        if (waited > 60_000) {
          lost.incrementAndGet();
          it.remove();
        } else {
          p.nextLookup = now + lookupInterval(waited);
        }
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(LOOKUP_EVERY_MS));
    }
  }

  KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            1),
        new StringSerializer(),
        new ByteArraySerializer());
  }
}
