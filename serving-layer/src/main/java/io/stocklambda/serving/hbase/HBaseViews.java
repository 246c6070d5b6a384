package io.stocklambda.serving.hbase;

import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.serving.BatchHorizon;
import io.stocklambda.core.serving.ServingKeys;
import io.stocklambda.serving.StoreEndpoints;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.NamespaceExistException;
import org.apache.hadoop.hbase.TableExistsException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
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
public final class HBaseViews implements Closeable {

  public static final TableName PREDICTIONS = TableName.valueOf("stocklambda", "predictions");
  public static final TableName SERVING = TableName.valueOf("stocklambda", "serving");
  static final byte[] BATCH = Bytes.toBytes(ServingKeys.BATCH_FAMILY);
  static final byte[] SPEED = Bytes.toBytes(ServingKeys.SPEED_FAMILY);
  static final byte[] PREDICTION = Bytes.toBytes(ServingKeys.PREDICTION_QUALIFIER);
  static final byte[] META = Bytes.toBytes("m");
  static final byte[] BATCH_VIEW_ROW = Bytes.toBytes("batch-view");
  static final JsonCodec<Prediction> PREDICTIONS_JSON = JsonCodec.of(Prediction.class);
  static final JsonCodec<BatchHorizon> HORIZON_JSON = JsonCodec.of(BatchHorizon.class);

  private final Connection connection;
  private final HBaseWriter writer;
  private final HBaseQueries queries;

  /**
   * What writes the views: speed rows, batch views (bulk load or puts), the pointer swap, expiry.
   */
  public HBaseWriter writer() {
    return writer;
  }

  /** What reads them: the merged view of a stock, row counts. */
  public HBaseQueries queries() {
    return queries;
  }

  private HBaseViews(Connection connection) {
    this.writer = new HBaseWriter(connection);
    this.queries = new HBaseQueries(connection, this);
    this.connection = connection;
  }

  /**
   * Connects and creates the namespace and tables if missing. Client retries are short: the loaders
   * retry on their own, with backoff and a log line, rather than block for minutes inside the
   * client.
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
      throw new UncheckedIOException(
          "cannot reach HBase at " + endpoints.zookeeperQuorum() + ":" + endpoints.zookeeperPort(),
          e);
    }
  }

  private void ensureSchema() throws IOException {
    try (Admin admin = connection.getAdmin()) {
      try {
        admin.createNamespace(
            NamespaceDescriptor.create(PREDICTIONS.getNamespaceAsString()).build());
      } catch (NamespaceExistException e) {
        // there already
      }
      create(
          admin,
          TableDescriptorBuilder.newBuilder(PREDICTIONS)
              // one region, split only past 30 GB: HBase's default policy splits a lone region at
              // 256 MB, so a bulk load of a
              // full batch view (4.5 GB) would be followed by a split and the compaction of both
              // halves; pre-split it on a cluster
              .setRegionSplitPolicyClassName(
                  "org.apache.hadoop.hbase.regionserver.ConstantSizeRegionSplitPolicy")
              .setMaxFileSize(30L << 30)
              .setColumnFamily(
                  ColumnFamilyDescriptorBuilder.newBuilder(BATCH).setMaxVersions(2).build())
              .setColumnFamily(
                  ColumnFamilyDescriptorBuilder.newBuilder(SPEED).setMaxVersions(1).build())
              .build());
      create(
          admin,
          TableDescriptorBuilder.newBuilder(SERVING)
              .setColumnFamily(
                  ColumnFamilyDescriptorBuilder.newBuilder(META).setMaxVersions(5).build())
              .build());
    }
  }

  private static void create(Admin admin, org.apache.hadoop.hbase.client.TableDescriptor table)
      throws IOException {
    if (!admin.tableExists(table.getTableName())) {
      try {
        admin.createTable(table);
      } catch (TableExistsException e) {
        // created by another instance meanwhile
      }
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

  /** Whether HBase answers: a read of the pointer row. */
  public String health() {
    try {
      return currentBatch()
          .map(b -> "ok, batch view " + b.run() + " up to " + b.horizon())
          .orElse("ok, no batch view yet");
    } catch (IOException | RuntimeException e) {
      return "down: " + e.getMessage();
    }
  }

  static long nextVersion(Optional<BatchHorizon> current) {
    long now = Instant.now().toEpochMilli();
    return current.map(c -> Math.max(now, c.version() + 1)).orElse(now);
  }

  static byte[] row(Prediction p) {
    return ServingKeys.rowKey(p.stock(), p.date()).getBytes(StandardCharsets.UTF_8);
  }

  static Prediction decode(byte[] value) {
    return value == null ? null : PREDICTIONS_JSON.decode(value);
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
