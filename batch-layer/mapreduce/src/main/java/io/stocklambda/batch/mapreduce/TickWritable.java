package io.stocklambda.batch.mapreduce;

import io.stocklambda.core.tick.Tick;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import org.apache.hadoop.io.Writable;

/** A tick between map and reduce: its date and values, in the stock of its key. */
public final class TickWritable implements Writable {

  private int epochDay;
  private double open;
  private double high;
  private double low;
  private double close;
  private long volume;

  public TickWritable() {}

  public TickWritable(Tick tick) {
    set(tick);
  }

  public void set(Tick tick) {
    epochDay = Math.toIntExact(tick.date().toEpochDay());
    open = tick.open();
    high = tick.high();
    low = tick.low();
    close = tick.close();
    volume = tick.volume();
  }

  public Tick toTick(String stock) {
    return new Tick(stock, LocalDate.ofEpochDay(epochDay), open, high, low, close, volume);
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeInt(epochDay);
    out.writeDouble(open);
    out.writeDouble(high);
    out.writeDouble(low);
    out.writeDouble(close);
    out.writeLong(volume);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    epochDay = in.readInt();
    open = in.readDouble();
    high = in.readDouble();
    low = in.readDouble();
    close = in.readDouble();
    volume = in.readLong();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TickWritable t
        && t.epochDay == epochDay
        && t.open == open
        && t.high == high
        && t.low == low
        && t.close == close
        && t.volume == volume;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(close) * 31 + Long.hashCode(volume);
  }

  @Override
  public String toString() {
    return LocalDate.ofEpochDay(epochDay)
        + ":"
        + open
        + "/"
        + high
        + "/"
        + low
        + "/"
        + close
        + "/"
        + volume;
  }
}
