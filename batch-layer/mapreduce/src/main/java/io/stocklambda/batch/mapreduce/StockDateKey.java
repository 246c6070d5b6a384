package io.stocklambda.batch.mapreduce;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.WritableComparable;

/**
 * The secondary-sort key: partitioned and grouped by stock, sorted by (stock, date, source). Within
 * one (stock, date), the newest source comes first ({@code sourceRank} is the negated modification
 * time of the file), so de-duplication keeps the latest fact of the master dataset.
 */
public final class StockDateKey implements WritableComparable<StockDateKey> {

  private String stock = "";
  private long epochDay;
  private long sourceRank;

  public StockDateKey() {}

  public StockDateKey(String stock, long epochDay, long sourceRank) {
    set(stock, epochDay, sourceRank);
  }

  public void set(String stock, long epochDay, long sourceRank) {
    this.stock = stock;
    this.epochDay = epochDay;
    this.sourceRank = sourceRank;
  }

  public String stock() {
    return stock;
  }

  public long epochDay() {
    return epochDay;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeUTF(stock);
    out.writeLong(epochDay);
    out.writeLong(sourceRank);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    stock = in.readUTF();
    epochDay = in.readLong();
    sourceRank = in.readLong();
  }

  @Override
  public int compareTo(StockDateKey o) {
    int c = stock.compareTo(o.stock);
    if (c != 0) {
      return c;
    }
    c = Long.compare(epochDay, o.epochDay);
    return c != 0 ? c : Long.compare(sourceRank, o.sourceRank);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StockDateKey k && compareTo(k) == 0;
  }

  @Override
  public int hashCode() {
    return stock.hashCode() * 31 + Long.hashCode(epochDay);
  }

  @Override
  public String toString() {
    return stock + "@" + java.time.LocalDate.ofEpochDay(epochDay) + "#" + sourceRank;
  }
}
