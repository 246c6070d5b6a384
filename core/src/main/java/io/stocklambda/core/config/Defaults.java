package io.stocklambda.core.config;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The defaults every component shares, in one place: where the embedded stack's engines listen (the
 * ports of their own distributions, bound to loopback) and how a run is named. A component's
 * options start from these; a deployment overrides them with its options.
 */
public final class Defaults {

  /** Kafka's bootstrap servers (its default port, 9092). */
  public static final String KAFKA_BOOTSTRAP = "127.0.0.1:9092";

  /** The HDFS NameNode's RPC address (Hadoop's default port, 8020). */
  public static final String HDFS_URI = "hdfs://127.0.0.1:8020";

  /** HBase's ZooKeeper quorum (ZooKeeper's client port, 2181). */
  public static final String HBASE_ZOOKEEPER = "127.0.0.1:2181";

  /** Elasticsearch's HTTP address (its default port, 9200). */
  public static final String ELASTICSEARCH_URL = "http://127.0.0.1:9200";

  /** YARN's ResourceManager address (its default port, 8032). */
  public static final String YARN_RESOURCE_MANAGER = "127.0.0.1:8032";

  /** The Oozie server's URL (its default port, 11000). */
  public static final String OOZIE_URL = "http://127.0.0.1:11000/oozie";

  /** The serving layer's HTTP port. */
  public static final int SERVING_PORT = 8080;

  /** Spark's master for the batch jobs: local, on the machine's two cores. */
  public static final String SPARK_MASTER = "local[2]";

  /**
   * How a run (training set, model version, batch view, backfill) is named when none is given: its
   * UTC start, {@code 20261130-224727}; names sort by time and are valid {@code MasterLayout}
   * names.
   */
  public static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private Defaults() {}

  /** A run id for now, in {@link #RUN_ID}'s format. */
  public static String runId() {
    return RUN_ID.format(Instant.now());
  }
}
