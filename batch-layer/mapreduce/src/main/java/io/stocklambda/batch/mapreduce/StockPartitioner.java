package io.stocklambda.batch.mapreduce;

import org.apache.hadoop.mapreduce.Partitioner;

/** Every tick of a stock goes to one reducer. */
public final class StockPartitioner extends Partitioner<StockDateKey, TickWritable> {

  @Override
  public int getPartition(StockDateKey key, TickWritable value, int partitions) {
    return (key.stockHash() & Integer.MAX_VALUE) % partitions;
  }
}
