package io.stocklambda.batch.mapreduce;

import java.io.IOException;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.io.WritableUtils;

/** One reduce call per stock: keys group by their stock bytes alone, compared serialized. */
public final class StockGroupingComparator extends WritableComparator {

  public StockGroupingComparator() {
    super(StockDateKey.class, true);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public int compare(WritableComparable a, WritableComparable b) {
    return ((StockDateKey) a).compareStock((StockDateKey) b);
  }

  @Override
  public int compare(byte[] b1, int s1, int l1, byte[] b2, int s2, int l2) {
    try {
      int v1 = WritableUtils.decodeVIntSize(b1[s1]);
      int v2 = WritableUtils.decodeVIntSize(b2[s2]);
      return compareBytes(b1, s1 + v1, readVInt(b1, s1), b2, s2 + v2, readVInt(b2, s2));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a serialized StockDateKey", e);
    }
  }
}
