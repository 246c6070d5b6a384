package io.stocklambda.serving.hbase;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.serving.BatchHorizon;
import io.stocklambda.core.serving.LambdaMerge;
import io.stocklambda.core.serving.ServingKeys;
import io.stocklambda.serving.load.RejectedException;
import io.stocklambda.serving.load.SpeedViewStore;
import java.io.Closeable;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.BufferedMutatorParams;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Writes the HBase views: speed rows (idempotent, one cell per stock and date), a batch view at a
 * new version (HFiles by bulk load, or puts), the pointer that serves it, and the expiry of speed
 * rows at or below its horizon. A refusal for good is a {@link RejectedException}.
 */
public final class HBaseWriter implements SpeedViewStore {

  private static final TableName PREDICTIONS = HBaseViews.PREDICTIONS;
  private static final TableName SERVING = HBaseViews.SERVING;
  private static final byte[] BATCH = HBaseViews.BATCH;
  private static final byte[] SPEED = HBaseViews.SPEED;
  private static final byte[] PREDICTION = HBaseViews.PREDICTION;
  private static final byte[] META = HBaseViews.META;
  private static final byte[] BATCH_VIEW_ROW = HBaseViews.BATCH_VIEW_ROW;
  private static final JsonCodec<Prediction> PREDICTIONS_JSON = HBaseViews.PREDICTIONS_JSON;
  private static final JsonCodec<BatchHorizon> HORIZON_JSON = HBaseViews.HORIZON_JSON;

  private final Connection connection;

  HBaseWriter(Connection connection) {
    this.connection = connection;
  }

  @Override
  public String storeName() {
    return "HBase";
  }

  /** Writes speed-view rows; idempotent (one cell per (stock, date)). */
  @Override
  public void writeSpeed(Collection<Prediction> predictions) throws IOException {
    List<Put> puts = new ArrayList<>(predictions.size());
    java.util.Map<String, Prediction> byRow = new java.util.HashMap<>();
    java.util.Map<Prediction, String> refused = new java.util.HashMap<>();
    for (Prediction p : predictions) {
      try {
        byte[] row = HBaseViews.row(p);
        puts.add(new Put(row).addColumn(SPEED, PREDICTION, PREDICTIONS_JSON.encode(p)));
        byRow.put(Bytes.toString(row), p);
      } catch (IllegalArgumentException e) {
        refused.put(
            p, e.getMessage()); // the client refuses the row itself (a key over 32,767 bytes)
      }
    }
    try (Table table = connection.getTable(PREDICTIONS)) {
      table.put(puts);
    } catch (org.apache.hadoop.hbase.client.RetriesExhaustedWithDetailsException e) {
      // rows the servers refused for good (DoNotRetryIOException) are named; anything else is worth
      // a retry
      for (int i = 0; i < e.getNumExceptions(); i++) {
        Prediction p = byRow.get(Bytes.toString(e.getRow(i).getRow()));
        if (!(e.getCause(i) instanceof org.apache.hadoop.hbase.DoNotRetryIOException)
            || p == null) {
          throw e;
        }
        refused.put(p, e.getCause(i).toString());
      }
    } catch (IllegalArgumentException e) {
      throw new RejectedException("HBase refused the puts: " + e.getMessage(), java.util.Map.of());
    }
    if (!refused.isEmpty()) {
      throw new RejectedException(
          "HBase refused " + refused.size() + " of " + predictions.size() + " rows", refused);
    }
  }

  /**
   * Bulk-loads a batch view's HFiles ({@code dir/b/*}, cells at the view's version, written by the
   * batch layer) with HBase's own tool: the region servers take the files whole (moved within one
   * file system, copied across), so a view of 17 M rows costs file copies, not puts. Invisible
   * until {@link #swapBatch} names the version.
   *
   * @return the number of HFiles loaded
   */
  public int bulkLoadBatch(org.apache.hadoop.fs.Path dir) throws IOException {
    Configuration conf = new Configuration(connection.getConfiguration());
    // a region server copies a file inside the call when it comes from another file system
    conf.setInt("hbase.rpc.timeout", 600_000);
    conf.setInt("hbase.client.operation.timeout", 1_200_000);
    // the tool refuses more than 32 files per region and family by default; a view on more cores
    // writes more
    conf.setInt("hbase.mapreduce.bulkload.max.hfiles.perRegion.perFamily", 1024);
    return org.apache.hadoop.hbase.tool.BulkLoadHFiles.create(conf)
        .bulkLoad(PREDICTIONS, dir)
        .size();
  }

  /** A writer of one batch view's rows, invisible until {@link #swapBatch}. */
  public BatchWriter batchWriter(long version) throws IOException {
    BufferedMutator mutator =
        connection.getBufferedMutator(
            new BufferedMutatorParams(PREDICTIONS).writeBufferSize(8L << 20));
    return new BatchWriter(mutator, version);
  }

  /** Buffers the rows of one batch view load, at the load's version. */
  public static final class BatchWriter implements Closeable {
    private final BufferedMutator mutator;
    private final long version;

    BatchWriter(BufferedMutator mutator, long version) {
      this.mutator = mutator;
      this.version = version;
    }

    public void add(Prediction p) throws IOException {
      mutator.mutate(
          new Put(HBaseViews.row(p))
              .addColumn(BATCH, PREDICTION, version, PREDICTIONS_JSON.encode(p)));
    }

    public void flush() throws IOException {
      mutator.flush();
    }

    @Override
    public void close() throws IOException {
      mutator.close();
    }
  }

  /** Serves {@code view}: one single-row put, atomic for every reader. */
  public void swapBatch(BatchHorizon view) throws IOException {
    try (Table table = connection.getTable(SERVING)) {
      table.put(new Put(BATCH_VIEW_ROW).addColumn(META, PREDICTION, HORIZON_JSON.encode(view)));
    }
  }

  /** Deletes speed-view rows at or below {@code horizon}; returns how many. */
  public long expireSpeed(LocalDate horizon) throws IOException {
    return deleteSpeed(
        new Scan(),
        row -> LambdaMerge.expired(ServingKeys.dateOfRowKey(Bytes.toString(row)), horizon));
  }

  /**
   * Deletes the speed-view rows of every stock whose symbol starts with {@code prefix} (a
   * benchmark's own stocks, which lie after any horizon and would never expire); returns how many.
   *
   * @throws IllegalArgumentException if {@code prefix} is blank
   */
  public long deleteSpeedOfStocksStartingWith(String prefix) throws IOException {
    if (prefix.isBlank()) {
      throw new IllegalArgumentException("a blank prefix would delete every stock's speed rows");
    }
    return deleteSpeed(new Scan().setStartStopRowForPrefixScan(Bytes.toBytes(prefix)), row -> true);
  }

  /** Deletes the speed family of the rows {@code scan} finds that {@code chosen} accepts. */
  private long deleteSpeed(Scan scan, java.util.function.Predicate<byte[]> chosen)
      throws IOException {
    long deleted = 0;
    List<Delete> deletes = new ArrayList<>();
    try (Table table = connection.getTable(PREDICTIONS);
        ResultScanner results = table.getScanner(scan.addFamily(SPEED).setCaching(1000))) {
      for (Result r : results) {
        if (chosen.test(r.getRow())) {
          deletes.add(new Delete(r.getRow()).addFamily(SPEED));
          if (deletes.size() == 1000) {
            deleted += deletes.size();
            table.delete(deletes);
            deletes = new ArrayList<>();
          }
        }
      }
      deleted += deletes.size();
      table.delete(deletes);
    }
    return deleted;
  }
}
