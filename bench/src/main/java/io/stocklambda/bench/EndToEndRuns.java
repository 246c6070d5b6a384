package io.stocklambda.bench;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.tick.Tick;
import io.stocklambda.serving.es.EsViews;
import io.stocklambda.serving.hbase.HBaseViews;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
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

  record Probe(String stock, LocalDate date, long sentAt, boolean[] seen) {}

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
    ConcurrentLinkedQueue<Probe> pending = new ConcurrentLinkedQueue<>();
    long[] lost = new long[1];
    boolean[] sending = {true};
    Thread checker =
        new Thread(
            () -> check(pending, hbase, es, hbaseLatency, esLatency, sending, lost), "e2e-checker");
    checker.start();
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
          pending.add(new Probe(stock, date, now, new boolean[2]));
        }
      }
    }
    producer.flush();
    sending[0] = false;
    checker.join();
    return new Result(rate, ticks, hbaseLatency, esLatency, lost[0]);
  }

  /** Polls both stores for each pending probe until its prediction is there (60 s at most). */
  private static void check(
      ConcurrentLinkedQueue<Probe> pending,
      HBaseViews hbase,
      EsViews es,
      Histogram hbaseLatency,
      Histogram esLatency,
      boolean[] sending,
      long[] lost) {
    while (sending[0] || !pending.isEmpty()) {
      for (Iterator<Probe> it = pending.iterator(); it.hasNext(); ) {
        Probe p = it.next();
        long now = System.currentTimeMillis();
        try {
          if (!p.seen()[0] && !hbase.queries().merged(p.stock(), p.date(), p.date(), 1).isEmpty()) {
            p.seen()[0] = true;
            hbaseLatency.recordValue(System.currentTimeMillis() - p.sentAt());
          }
          if (!p.seen()[1] && !es.queries().merged(p.stock(), p.date(), p.date(), 1).isEmpty()) {
            p.seen()[1] = true;
            esLatency.recordValue(System.currentTimeMillis() - p.sentAt());
          }
        } catch (IOException e) {
          // a store busy for a moment: poll again
        }
        if (p.seen()[0] && p.seen()[1]) {
          it.remove();
        } else if (now - p.sentAt() > 60_000) {
          lost[0]++;
          it.remove();
        }
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
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
