package io.stocklambda.benchflink;

/**
 * A Kafka record between the operators: its key (the stock), its value, its record time in epoch
 * milliseconds (the tick's send time, carried to the prediction so that latency is measured as for
 * the other engines). A Flink POJO: public fields, a no-argument constructor.
 */
public final class TimedRecord {

  public String key;
  public byte[] value;
  public long time;

  public TimedRecord() {}

  public TimedRecord(String key, byte[] value, long time) {
    this.key = key;
    this.value = value;
    this.time = time;
  }
}
