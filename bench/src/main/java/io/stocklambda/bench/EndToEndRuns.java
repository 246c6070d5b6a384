package io.stocklambda.bench;

import io.stocklambda.core.serving.StockDate;
import io.stocklambda.serving.es.EsViews;
import io.stocklambda.serving.hbase.HBaseViews;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  static final LocalDate FIRST_DAY = LocalDate.of(2100, 1, 4);

  record Probe(String stock, LocalDate date, long sentAt) {}

  /** Ticks are sent in groups at most this far apart (1 ms). */
  static final long SEND_GRAIN_NANOS = 1_000_000;

  /**
   * @param scored ms from each probe's send to its prediction's {@code scoredAt} ({@link
   *     CommittedPredictions})
   * @param committed ms from each probe's send until its prediction was readable in {@code
   *     predictions}
   * @param hbase ms from each probe's send until HBase served its prediction
   * @param es ms from each probe's send until Elasticsearch found its prediction
   * @param lost probes not seen within 60 s, counted per stage (Kafka, HBase, Elasticsearch)
   */
  record Result(
      int rate,
      long ticks,
      Histogram scored,
      Histogram committed,
      StageLatency hbase,
      StageLatency es,
      long lost) {}

  Result runRate(
      KafkaProducer<String, byte[]> producer,
      HBaseViews hbase,
      EsViews es,
      String topic,
      String predictionsTopic,
      EndToEndTicks sent,
      List<Process> layers,
      int seconds)
      throws InterruptedException {
    int rate = sent.rate();
    int days = days(seconds);
    StageLatency hbaseLatency = new StageLatency(middleDay(seconds));
    StageLatency esLatency = new StageLatency(middleDay(seconds));
    ConcurrentLinkedQueue<Probe> hbasePending = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Probe> esPending = new ConcurrentLinkedQueue<>();
    AtomicLong lost = new AtomicLong();
    AtomicBoolean sending = new AtomicBoolean(true);
    AtomicBoolean aborted = new AtomicBoolean(false);
    CommittedPredictions kafka =
        new CommittedPredictions(bootstrap, predictionsTopic, sending, aborted);
    Thread kafkaChecker = new Thread(kafka, "e2e-kafka-checker");
    // one checker a store, so that a slow search never delays seeing a row in HBase
    Thread hbaseChecker =
        new Thread(
            () ->
                check(
                    hbasePending,
                    keys -> hbase.queries().mergedOn(keys).keySet(),
                    hbaseLatency,
                    sending,
                    aborted,
                    lost),
            "e2e-hbase-checker");
    Thread esChecker =
        new Thread(
            () ->
                check(
                    esPending,
                    keys -> es.queries().mergedOn(keys).keySet(),
                    esLatency,
                    sending,
                    aborted,
                    lost),
            "e2e-es-checker");
    kafkaChecker.start();
    hbaseChecker.start();
    esChecker.start();
    long ticks = 0;
    long start = System.nanoTime();
    long probeEvery = Math.max(1, rate / probesPerSecond);
    System.out.printf(
        "rate %,d ticks/s: %d stocks, %d trading days, one a second%n", rate, rate, days);
    try {
      for (int day = 0; day < days; day++) {
        LocalDate date = FIRST_DAY.plusDays(day);
        for (int s = 0; s < rate; s++) {
          long due = start + (long) ((day * (double) rate + s) * 1e9 / rate);
          long wait = due - System.nanoTime();
          if (wait > 0) {
            // ticks due within the next millisecond go together: a park a tick was 10,000
            // wake-ups a second at 10,000 ticks/s, on the cores the measured layers share
            LockSupport.parkNanos(Math.max(wait, SEND_GRAIN_NANOS));
          }
          for (Process p : layers) {
            if (!p.isAlive()) {
              throw new IllegalStateException(
                  "a layer exited with " + p.exitValue() + "; see its log");
            }
          }
          String stock = sent.stock(s);
          byte[] value = sent.value(day, s);
          long now = System.currentTimeMillis();
          Probe probe = null;
          if (day >= 5 && (ticks + 1) % probeEvery == 0) {
            probe = new Probe(stock, date, now);
            kafka.expect(probe); // before the send: its prediction can come back before add returns
          }
          producer.send(new ProducerRecord<>(topic, null, now, stock, value));
          ticks++;
          if (probe != null) {
            hbasePending.add(probe);
            esPending.add(probe);
          }
        }
      }
      producer.flush();
    } catch (RuntimeException | Error e) {
      aborted.set(true); // the checkers stop at once, their figures unused
      throw e;
    } finally {
      sending.set(false);
      hbaseChecker.join();
      esChecker.join();
      kafkaChecker.join();
      kafka.close();
    }
    return new Result(
        rate,
        ticks,
        kafka.scored,
        kafka.committed,
        hbaseLatency,
        esLatency,
        lost.get() + kafka.lost.get());
  }

  /** Trading days of a rate's run: 5 filling the windows, then one a second. */
  static int days(int seconds) {
    return 5 + seconds;
  }

  /**
   * The first trading day of a run's second half: probes are sent from day 5 on (the first 5 fill
   * the windows), one day a second for {@code seconds}.
   */
  static LocalDate middleDay(int seconds) {
    return FIRST_DAY.plusDays(5 + seconds / 2);
  }

  /** A store's lookup of probes' predictions, all in one request. */
  @FunctionalInterface
  interface Lookup {
    /** The keys among {@code keys} whose prediction the store serves now. */
    Set<StockDate> found(List<StockDate> keys) throws IOException;
  }

  /** How often a new probe is looked up, in milliseconds. */
  static final long LOOKUP_EVERY_MS = 10;

  /**
   * A probe pending for {@code t} ms is looked up again after {@code max(10, t / 20)} ms: its
   * latency is over-stated by at most 10 ms or 5 % (plus the 10 ms pause between sweeps), and a
   * backlog's probes do not load the stores they measure.
   */
  static final long BACK_OFF_DIVISOR = 20;

  /** After a probe has waited {@code waitedMs}, how long until its next lookup, in ms. */
  static long lookupInterval(long waitedMs) {
    return Math.max(LOOKUP_EVERY_MS, waitedMs / BACK_OFF_DIVISOR);
  }

  /**
   * Looks up, every {@link #LOOKUP_EVERY_MS} ms, the pending probes that are due ({@link
   * #lookupInterval}) in one store, all in one request (an HBase multi-get, an Elasticsearch ids
   * search), until each one's prediction is there; a probe not seen 60 s after its send counts as
   * lost. A failed lookup (an exception of the store or its client) is tried again at the next
   * sweep. One request a probe, as before, loaded the stores being measured (with 5 probes a second
   * and a second's wait, a few hundred searches a second, each a few ms of the cores the layers
   * share).
   *
   * @param aborted set when the run failed: the checker stops at once
   */
  static void check(
      ConcurrentLinkedQueue<Probe> arriving,
      Lookup store,
      StageLatency latency,
      AtomicBoolean sending,
      AtomicBoolean aborted,
      AtomicLong lost) {
    Map<StockDate, Probe> pending = new LinkedHashMap<>();
    Map<StockDate, Long> nextLookup = new HashMap<>();
    while (!aborted.get() && (sending.get() || !arriving.isEmpty() || !pending.isEmpty())) {
      for (Probe p = arriving.poll(); p != null; p = arriving.poll()) {
        pending.put(new StockDate(p.stock(), p.date()), p);
      }
      long now = System.currentTimeMillis();
      List<StockDate> due = new ArrayList<>();
      pending
          .keySet()
          .forEach(
              k -> {
                if (nextLookup.getOrDefault(k, 0L) <= now) {
                  due.add(k);
                }
              });
      if (!due.isEmpty()) {
        try {
          for (StockDate key : store.found(due)) {
            Probe p = pending.remove(key);
            if (p != null) {
              nextLookup.remove(key);
              latency.record(p, System.currentTimeMillis());
            }
          }
        } catch (IOException | RuntimeException e) {
          // a store busy for a moment: look again
        }
        long after = System.currentTimeMillis();
        for (StockDate key : due) {
          Probe p = pending.get(key);
          if (p != null) {
            nextLookup.put(key, after + lookupInterval(after - p.sentAt()));
          }
        }
      }
      for (Iterator<Map.Entry<StockDate, Probe>> it = pending.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<StockDate, Probe> e = it.next();
        if (now - e.getValue().sentAt() > 60_000) {
          lost.incrementAndGet();
          nextLookup.remove(e.getKey());
          it.remove();
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
            // 10 ms, the replay's own (ingest's KafkaTickSink), so ticks reach the speed layer as
            // a replay sends them: at 1 ms a produce request went for nearly every tick at 1,000
            // ticks/s, and at 5 ms this producer still sent 200 a second, half the broker's
            // produce requests at 10,000 ticks/s (issue 18), load on the cores the measured path
            // shares; its wait counts in every latency measured
            ProducerConfig.LINGER_MS_CONFIG,
            10),
        new StringSerializer(),
        new ByteArraySerializer());
  }
}
