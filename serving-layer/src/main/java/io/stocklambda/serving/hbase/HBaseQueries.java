package io.stocklambda.serving.hbase;

import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.serving.BatchHorizon;
import io.stocklambda.core.serving.LambdaMerge;
import io.stocklambda.core.serving.ServingKeys;
import io.stocklambda.core.serving.StockDate;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Reads the HBase views: a stock's merged predictions (the Lambda rule of core's {@link
 * LambdaMerge} applied row by row) and row counts for operators.
 */
public final class HBaseQueries {

  private static final TableName PREDICTIONS = HBaseViews.PREDICTIONS;
  private static final byte[] BATCH = HBaseViews.BATCH;
  private static final byte[] SPEED = HBaseViews.SPEED;
  private static final byte[] PREDICTION = HBaseViews.PREDICTION;

  private final Connection connection;
  private final HBaseViews views;

  HBaseQueries(Connection connection, HBaseViews views) {
    this.connection = connection;
    this.views = views;
  }

  /**
   * The merged predictions of one stock from {@code from} to {@code to}, the latest {@code limit}
   * of them, oldest first: for each date the batch view's row up to its horizon, the speed view's
   * after it (core's {@link LambdaMerge}).
   */
  public List<Prediction> merged(String stock, LocalDate from, LocalDate to, int limit)
      throws IOException {
    Optional<BatchHorizon> batch = views.currentBatch();
    LocalDate horizon = batch.map(BatchHorizon::horizon).orElse(null);
    Scan scan =
        new Scan()
            .withStartRow(Bytes.toBytes(ServingKeys.rowKeyAfter(stock, to)), false)
            .withStopRow(Bytes.toBytes(ServingKeys.rowKeyFrom(stock, from)), true)
            .setReversed(true)
            .addFamily(SPEED)
            .setCaching(Math.min(limit, 1000));
    if (batch.isPresent()) {
      long version = batch.get().version();
      scan.addFamily(BATCH).setColumnFamilyTimeRange(BATCH, version, version + 1);
    }
    List<Prediction> out = new ArrayList<>();
    try (Table table = connection.getTable(PREDICTIONS);
        ResultScanner results = table.getScanner(scan)) {
      for (Result r : results) {
        String row = Bytes.toString(r.getRow());
        if (!ServingKeys.isRowOf(row, stock)) {
          continue; // a key written around the symbol grammar inside this stock's range is not this
          // stock's
        }
        LocalDate date = ServingKeys.dateOfRowKey(row);
        Prediction chosen =
            LambdaMerge.choose(
                date,
                horizon,
                HBaseViews.decode(r.getValue(BATCH, PREDICTION)),
                HBaseViews.decode(r.getValue(SPEED, PREDICTION)));
        if (chosen != null) {
          out.add(chosen);
          if (out.size() == limit) {
            break;
          }
        }
      }
    }
    Collections.reverse(out);
    return out;
  }

  /**
   * The merged prediction of each (stock, date) asked, by one multi-get (one request a region
   * server, whatever the number of keys): for each, the batch view's row up to its horizon, the
   * speed view's after it (core's {@link LambdaMerge}), absent when neither serves one.
   *
   * @return the served predictions by key, in the order asked
   */
  public java.util.Map<StockDate, Prediction> mergedOn(List<StockDate> keys) throws IOException {
    Optional<BatchHorizon> batch = views.currentBatch();
    LocalDate horizon = batch.map(BatchHorizon::horizon).orElse(null);
    List<Get> gets = new ArrayList<>(keys.size());
    for (StockDate key : keys) {
      Get get = new Get(Bytes.toBytes(key.rowKey())).addFamily(SPEED);
      if (batch.isPresent()) {
        long version = batch.get().version();
        get.addFamily(BATCH).setColumnFamilyTimeRange(BATCH, version, version + 1);
      }
      gets.add(get);
    }
    java.util.Map<StockDate, Prediction> out = new java.util.LinkedHashMap<>();
    Result[] results;
    try (Table table = connection.getTable(PREDICTIONS)) {
      results = table.get(gets);
    }
    for (int i = 0; i < results.length; i++) {
      Prediction chosen =
          LambdaMerge.choose(
              keys.get(i).date(),
              horizon,
              HBaseViews.decode(results[i].getValue(BATCH, PREDICTION)),
              HBaseViews.decode(results[i].getValue(SPEED, PREDICTION)));
      if (chosen != null) {
        out.put(keys.get(i), chosen);
      }
    }
    return out;
  }

  /**
   * Rows of the batch family at exactly {@code version} (a view's rows) and rows of the speed
   * family, counted by one scan of keys only: minutes for a full view, for operators and tests,
   * never on a query path.
   *
   * @return {batch rows, speed rows}
   */
  public long[] countRows(long version) throws IOException {
    Scan scan =
        new Scan()
            .addFamily(BATCH)
            .addFamily(SPEED)
            .setColumnFamilyTimeRange(BATCH, version, version + 1)
            .setFilter(new org.apache.hadoop.hbase.filter.KeyOnlyFilter())
            .setCaching(10_000)
            .setCacheBlocks(false);
    long batch = 0;
    long speed = 0;
    try (Table table = connection.getTable(PREDICTIONS);
        ResultScanner rows = table.getScanner(scan)) {
      for (Result r : rows) {
        batch += r.containsColumn(BATCH, PREDICTION) ? 1 : 0;
        speed += r.containsColumn(SPEED, PREDICTION) ? 1 : 0;
      }
    }
    return new long[] {batch, speed};
  }

  /**
   * Hands each speed-view prediction dated at or before {@code horizon} to {@code sink} until it
   * returns false: what a new batch view covering them will expire, and what online/offline parity
   * compares. Scans the speed family only, which holds the dates after the served view's horizon.
   */
  public void speedUpTo(LocalDate horizon, java.util.function.Predicate<Prediction> sink)
      throws IOException {
    try (Table table = connection.getTable(PREDICTIONS);
        ResultScanner results =
            table.getScanner(new Scan().addColumn(SPEED, PREDICTION).setCaching(1000))) {
      for (Result r : results) {
        if (!ServingKeys.dateOfRowKey(Bytes.toString(r.getRow())).isAfter(horizon)
            && !sink.test(HBaseViews.decode(r.getValue(SPEED, PREDICTION)))) {
          return;
        }
      }
    }
  }
}
