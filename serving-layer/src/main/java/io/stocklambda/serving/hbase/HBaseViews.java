package io.stocklambda.serving.hbase;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.serving.BatchHorizon;
import io.stocklambda.core.serving.LambdaMerge;
import io.stocklambda.core.serving.ServingKeys;
import io.stocklambda.serving.StoreEndpoints;
import io.stocklambda.serving.load.RejectedException;
import io.stocklambda.serving.load.SpeedViewStore;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.NamespaceExistException;
import org.apache.hadoop.hbase.TableExistsException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.BufferedMutatorParams;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * The contract's HBase side: table {@code stocklambda:predictions}, row {@code <stock>#<yyyyMMdd>},
 * family {@code s} for the speed view and {@code b} for batch views, each cell the Prediction JSON.
 *
 * <p>A batch view is swapped in whole by <em>column version</em>: its rows are written with the
 * load's version as cell timestamp, invisible until the pointer row of {@code stocklambda:serving}
 * names that version (one atomic single-row put), after which reads take family {@code b} at
 * exactly that timestamp. Rows of older views are never read again and age out (two versions kept).
 */
public final class HBaseViews implements Closeable, SpeedViewStore {

  @Override
  public String storeName() {
    return "HBase";
  }


  public static final TableName PREDICTIONS = TableName.valueOf("stocklambda", "predictions");
  public static final TableName SERVING = TableName.valueOf("stocklambda", "serving");
  static final byte[] BATCH = Bytes.toBytes(ServingKeys.BATCH_FAMILY);
  static final byte[] SPEED = Bytes.toBytes(ServingKeys.SPEED_FAMILY);
  static final byte[] PREDICTION = Bytes.toBytes(ServingKeys.PREDICTION_QUALIFIER);
  static final byte[] META = Bytes.toBytes("m");
  static final byte[] BATCH_VIEW_ROW = Bytes.toBytes("batch-view");
  private static final JsonCodec<Prediction> PREDICTIONS_JSON = JsonCodec.of(Prediction.class);
  private static final JsonCodec<BatchHorizon> HORIZON_JSON = JsonCodec.of(BatchHorizon.class);

  private final Connection connection;

  private HBaseViews(Connection connection) {
    this.connection = connection;
  }

  /**
   * Connects and creates the namespace and tables if missing. Client retries are short: the
   * loaders retry on their own, with backoff and a log line, rather than block for minutes inside
   * the client.
   */
  public static HBaseViews connect(StoreEndpoints endpoints) {
    Configuration conf = HBaseConfiguration.create();
    conf.set("hbase.zookeeper.quorum", endpoints.zookeeperQuorum());
    conf.setInt("hbase.zookeeper.property.clientPort", endpoints.zookeeperPort());
    conf.setInt("hbase.client.retries.number", 5);
    conf.setInt("hbase.client.pause", 200);
    conf.setInt("hbase.client.operation.timeout", 20_000);
    conf.setInt("hbase.rpc.timeout", 10_000);
    conf.setInt("zookeeper.recovery.retry", 3);
    try {
      HBaseViews views = new HBaseViews(ConnectionFactory.createConnection(conf));
      views.ensureSchema();
      return views;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach HBase at " + endpoints.zookeeperQuorum() + ":" + endpoints.zookeeperPort(), e);
    }
  }

  private void ensureSchema() throws IOException {
    try (Admin admin = connection.getAdmin()) {
      try {
        admin.createNamespace(NamespaceDescriptor.create(PREDICTIONS.getNamespaceAsString()).build());
      } catch (NamespaceExistException e) {
        // there already
      }
      create(admin, TableDescriptorBuilder.newBuilder(PREDICTIONS)
          // one region, split only past 30 GB: HBase's default policy splits a lone region at 256 MB, so a bulk load of a
          // full batch view (4.5 GB) would be followed by a split and the compaction of both halves; pre-split it on a cluster
          .setRegionSplitPolicyClassName("org.apache.hadoop.hbase.regionserver.ConstantSizeRegionSplitPolicy")
          .setMaxFileSize(30L << 30)
          .setColumnFamily(ColumnFamilyDescriptorBuilder.newBuilder(BATCH).setMaxVersions(2).build())
          .setColumnFamily(ColumnFamilyDescriptorBuilder.newBuilder(SPEED).setMaxVersions(1).build())
          .build());
      create(admin, TableDescriptorBuilder.newBuilder(SERVING)
          .setColumnFamily(ColumnFamilyDescriptorBuilder.newBuilder(META).setMaxVersions(5).build())
          .build());
    }
  }

  private static void create(Admin admin, org.apache.hadoop.hbase.client.TableDescriptor table) throws IOException {
    if (!admin.tableExists(table.getTableName())) {
      try {
        admin.createTable(table);
      } catch (TableExistsException e) {
        // created by another instance meanwhile
      }
    }
  }

  /** Writes speed-view rows; idempotent (one cell per (stock, date)). */
  @Override
  public void writeSpeed(Collection<Prediction> predictions) throws IOException {
    List<Put> puts = new ArrayList<>(predictions.size());
    java.util.Map<String, Prediction> byRow = new java.util.HashMap<>();
    java.util.Map<Prediction, String> refused = new java.util.HashMap<>();
    for (Prediction p : predictions) {
      try {
        byte[] row = row(p);
        puts.add(new Put(row).addColumn(SPEED, PREDICTION, PREDICTIONS_JSON.encode(p)));
        byRow.put(Bytes.toString(row), p);
      } catch (IllegalArgumentException e) {
        refused.put(p, e.getMessage()); // the client refuses the row itself (a key over 32,767 bytes)
      }
    }
    try (Table table = connection.getTable(PREDICTIONS)) {
      table.put(puts);
    } catch (org.apache.hadoop.hbase.client.RetriesExhaustedWithDetailsException e) {
      // rows the servers refused for good (DoNotRetryIOException) are named; anything else is worth a retry
      for (int i = 0; i < e.getNumExceptions(); i++) {
        Prediction p = byRow.get(Bytes.toString(e.getRow(i).getRow()));
        if (!(e.getCause(i) instanceof org.apache.hadoop.hbase.DoNotRetryIOException) || p == null) {
          throw e;
        }
        refused.put(p, e.getCause(i).toString());
      }
    } catch (IllegalArgumentException e) {
      throw new RejectedException("HBase refused the puts: " + e.getMessage(), java.util.Map.of());
    }
    if (!refused.isEmpty()) {
      throw new RejectedException("HBase refused " + refused.size() + " of " + predictions.size() + " rows", refused);
    }
  }

  /**
   * Bulk-loads a batch view's HFiles ({@code dir/b/*}, cells at the view's version, written by the
   * batch layer) with HBase's own tool: the region servers take the files whole (moved within one
   * file system, copied across), so a view of 17 M rows costs file copies, not puts. Invisible until
   * {@link #swapBatch} names the version.
   *
   * @return the number of HFiles loaded
   */
  public int bulkLoadBatch(org.apache.hadoop.fs.Path dir) throws IOException {
    Configuration conf = new Configuration(connection.getConfiguration());
    // a region server copies a file inside the call when it comes from another file system
    conf.setInt("hbase.rpc.timeout", 600_000);
    conf.setInt("hbase.client.operation.timeout", 1_200_000);
    // the tool refuses more than 32 files per region and family by default; a view on more cores writes more
    conf.setInt("hbase.mapreduce.bulkload.max.hfiles.perRegion.perFamily", 1024);
    return org.apache.hadoop.hbase.tool.BulkLoadHFiles.create(conf).bulkLoad(PREDICTIONS, dir).size();
  }

  /**
   * Rows of the batch family at exactly {@code version} (a view's rows) and rows of the speed family,
   * counted by one scan of keys only: minutes for a full view, for operators and tests, never on a
   * query path.
   *
   * @return {batch rows, speed rows}
   */
  public long[] countRows(long version) throws IOException {
    Scan scan = new Scan().addFamily(BATCH).addFamily(SPEED).setColumnFamilyTimeRange(BATCH, version, version + 1)
        .setFilter(new org.apache.hadoop.hbase.filter.KeyOnlyFilter()).setCaching(10_000).setCacheBlocks(false);
    long batch = 0;
    long speed = 0;
    try (Table table = connection.getTable(PREDICTIONS); ResultScanner rows = table.getScanner(scan)) {
      for (Result r : rows) {
        batch += r.containsColumn(BATCH, PREDICTION) ? 1 : 0;
        speed += r.containsColumn(SPEED, PREDICTION) ? 1 : 0;
      }
    }
    return new long[] {batch, speed};
  }

  /** A writer of one batch view's rows, invisible until {@link #swapBatch}. */
  public BatchWriter batchWriter(long version) throws IOException {
    BufferedMutator mutator = connection.getBufferedMutator(new BufferedMutatorParams(PREDICTIONS).writeBufferSize(8L << 20));
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
      mutator.mutate(new Put(row(p)).addColumn(BATCH, PREDICTION, version, PREDICTIONS_JSON.encode(p)));
    }

    public void flush() throws IOException {
      mutator.flush();
    }

    @Override
    public void close() throws IOException {
      mutator.close();
    }
  }

  /** The batch view being served, if any. */
  public Optional<BatchHorizon> currentBatch() throws IOException {
    try (Table table = connection.getTable(SERVING)) {
      Result r = table.get(new Get(BATCH_VIEW_ROW).addColumn(META, PREDICTION));
      byte[] value = r.getValue(META, PREDICTION);
      return value == null ? Optional.empty() : Optional.of(HORIZON_JSON.decode(value));
    }
  }

  /** Serves {@code view}: one single-row put, atomic for every reader. */
  public void swapBatch(BatchHorizon view) throws IOException {
    try (Table table = connection.getTable(SERVING)) {
      table.put(new Put(BATCH_VIEW_ROW).addColumn(META, PREDICTION, HORIZON_JSON.encode(view)));
    }
  }

  /**
   * The merged predictions of one stock from {@code from} to {@code to}, the latest {@code limit}
   * of them, oldest first: for each date the batch view's row up to its horizon, the speed view's
   * after it (core's {@link LambdaMerge}).
   */
  public List<Prediction> merged(String stock, LocalDate from, LocalDate to, int limit) throws IOException {
    Optional<BatchHorizon> batch = currentBatch();
    LocalDate horizon = batch.map(BatchHorizon::horizon).orElse(null);
    Scan scan = new Scan()
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
    try (Table table = connection.getTable(PREDICTIONS); ResultScanner results = table.getScanner(scan)) {
      for (Result r : results) {
        String row = Bytes.toString(r.getRow());
        if (!ServingKeys.isRowOf(row, stock)) {
          continue; // a key written around the symbol grammar inside this stock's range is not this stock's
        }
        LocalDate date = ServingKeys.dateOfRowKey(row);
        Prediction chosen = LambdaMerge.choose(date, horizon, decode(r.getValue(BATCH, PREDICTION)), decode(r.getValue(SPEED, PREDICTION)));
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

  /** Deletes speed-view rows at or below {@code horizon}; returns how many. */
  public long expireSpeed(LocalDate horizon) throws IOException {
    long expired = 0;
    List<Delete> deletes = new ArrayList<>();
    try (Table table = connection.getTable(PREDICTIONS);
         ResultScanner results = table.getScanner(new Scan().addFamily(SPEED).setCaching(1000))) {
      for (Result r : results) {
        if (LambdaMerge.expired(ServingKeys.dateOfRowKey(Bytes.toString(r.getRow())), horizon)) {
          deletes.add(new Delete(r.getRow()).addFamily(SPEED));
          if (deletes.size() == 1000) {
            expired += deletes.size();
            table.delete(deletes);
            deletes = new ArrayList<>();
          }
        }
      }
      expired += deletes.size();
      table.delete(deletes);
    }
    return expired;
  }

  /** Whether HBase answers: a read of the pointer row. */
  public String health() {
    try {
      return currentBatch().map(b -> "ok, batch view " + b.run() + " up to " + b.horizon()).orElse("ok, no batch view yet");
    } catch (IOException | RuntimeException e) {
      return "down: " + e.getMessage();
    }
  }

  static long nextVersion(Optional<BatchHorizon> current) {
    long now = Instant.now().toEpochMilli();
    return current.map(c -> Math.max(now, c.version() + 1)).orElse(now);
  }

  private static byte[] row(Prediction p) {
    return ServingKeys.rowKey(p.stock(), p.date()).getBytes(StandardCharsets.UTF_8);
  }

  private static Prediction decode(byte[] value) {
    return value == null ? null : PREDICTIONS_JSON.decode(value);
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
