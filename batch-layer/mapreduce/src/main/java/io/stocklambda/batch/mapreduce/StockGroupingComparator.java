package io.stocklambda.batch.mapreduce;

import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;

/** One reduce call per stock, its ticks in (date, source) order. */
public final class StockGroupingComparator extends WritableComparator {

  public StockGroupingComparator() {
    super(StockDateKey.class, true);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public int compare(WritableComparable a, WritableComparable b) {
    return ((StockDateKey) a).stock().compareTo(((StockDateKey) b).stock());
  }
}
