package io.stocklambda.batch.mapreduce;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.io.WritableUtils;

/**
 * The secondary-sort key: partitioned and grouped by stock, sorted by (stock, date, source,
 * offset). Within one (stock, date), the newest source comes first ({@code sourceRank} is the
 * negated modification time of the file), so de-duplication keeps the latest fact of the master
 * dataset; within one file, the earlier line comes first, so it keeps the first row, as core's
 * {@link io.stocklambda.core.csv.DuplicateRule} says.
 *
 * <p>Serialized as the stock's UTF-8 bytes (vint length first), the epoch day as an int, the rank
 * and the byte offset as longs, and compared in that form by {@link Comparator} without
 * deserializing: the sort of 17 M ticks is the job's largest cost. Stocks order by their UTF-8
 * bytes, unsigned.
 */
public final class StockDateKey implements WritableComparable<StockDateKey> {

  static {
    WritableComparator.define(StockDateKey.class, new Comparator());
  }

  private byte[] stock = new byte[0];
  private int epochDay;
  private long sourceRank;
  private long offset;

  public StockDateKey() {}

  public StockDateKey(String stock, long epochDay, long sourceRank, long offset) {
    set(stock, epochDay, sourceRank, offset);
  }

  /**
   * @param sourceRank the file's rank among sources (the negated modification time: newer first)
   * @param offset the line's byte offset in its file (earlier first)
   */
  public void set(String stock, long epochDay, long sourceRank, long offset) {
    this.stock = stock.getBytes(StandardCharsets.UTF_8);
    this.epochDay = Math.toIntExact(epochDay);
    this.sourceRank = sourceRank;
    this.offset = offset;
  }

  public String stock() {
    return new String(stock, StandardCharsets.UTF_8);
  }

  public long epochDay() {
    return epochDay;
  }

  /** Compares the stocks alone, as the grouping comparator does. */
  int compareStock(StockDateKey o) {
    return WritableComparator.compareBytes(stock, 0, stock.length, o.stock, 0, o.stock.length);
  }

  /** A hash of the stock alone, the same in every JVM: the partition. */
  int stockHash() {
    return WritableComparator.hashBytes(stock, stock.length);
  }

  @Override
  public void write(DataOutput out) throws IOException {
    WritableUtils.writeVInt(out, stock.length);
    out.write(stock);
    out.writeInt(epochDay);
    out.writeLong(sourceRank);
    out.writeLong(offset);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    stock = new byte[WritableUtils.readVInt(in)];
    in.readFully(stock);
    epochDay = in.readInt();
    sourceRank = in.readLong();
    offset = in.readLong();
  }

  @Override
  public int compareTo(StockDateKey o) {
    int c = compareStock(o);
    if (c != 0) {
      return c;
    }
    c = Integer.compare(epochDay, o.epochDay);
    if (c != 0) {
      return c;
    }
    c = Long.compare(sourceRank, o.sourceRank);
    return c != 0 ? c : Long.compare(offset, o.offset);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StockDateKey k && compareTo(k) == 0;
  }

  @Override
  public int hashCode() {
    return stockHash() * 31 + epochDay;
  }

  @Override
  public String toString() {
    return stock() + "@" + LocalDate.ofEpochDay(epochDay) + "#" + sourceRank + ":" + offset;
  }

  /** Compares serialized keys field by field, as {@link #compareTo} does. */
  public static final class Comparator extends WritableComparator {

    public Comparator() {
      super(StockDateKey.class);
    }

    @Override
    public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
      try {
        int v1 = WritableUtils.decodeVIntSize(b1[s1]);
        int v2 = WritableUtils.decodeVIntSize(b2[s2]);
        int n1 = readVInt(b1, s1);
        int n2 = readVInt(b2, s2);
        int c = compareBytes(b1, s1 + v1, n1, b2, s2 + v2, n2);
        if (c != 0) {
          return c;
        }
        int d1 = s1 + v1 + n1;
        int d2 = s2 + v2 + n2;
        c = Integer.compare(readInt(b1, d1), readInt(b2, d2));
        if (c != 0) {
          return c;
        }
        c = Long.compare(readLong(b1, d1 + 4), readLong(b2, d2 + 4));
        return c != 0 ? c : Long.compare(readLong(b1, d1 + 12), readLong(b2, d2 + 12));
      } catch (IOException e) {
        throw new IllegalArgumentException("not a serialized StockDateKey", e);
      }
    }
  }
}
