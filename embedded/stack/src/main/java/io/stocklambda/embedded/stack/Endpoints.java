package io.stocklambda.embedded.stack;

/**
 * Where clients reach the running engines.
 *
 * @param ports the stack's ports
 * @param dir the stack's directory (YARN's client configuration is written there)
 */
public record Endpoints(StackPorts ports, java.nio.file.Path dir) {

  /** Kafka {@code bootstrap.servers}. */
  public String kafkaBootstrap() {
    return "127.0.0.1:" + ports.kafka();
  }

  /** The HDFS file system URI ({@code fs.defaultFS}). */
  public String hdfsUri() {
    return "hdfs://127.0.0.1:" + ports.hdfs();
  }

  /** HBase's ZooKeeper quorum host; the port is {@link #hbaseZookeeperPort()}. */
  public String hbaseZookeeperQuorum() {
    return "127.0.0.1";
  }

  public int hbaseZookeeperPort() {
    return ports.hbaseZookeeper();
  }

  /** The Elasticsearch HTTP endpoint. */
  public String elasticsearchUrl() {
    return "http://127.0.0.1:" + ports.elasticsearch();
  }

  /** The ResourceManager's client address ({@code yarn.resourcemanager.address}). */
  public String yarnResourceManager() {
    return "127.0.0.1:" + ports.yarn();
  }

  /**
   * The Hadoop client configuration directory of the embedded YARN ({@code HADOOP_CONF_DIR}):
   * {@code core-site.xml}, {@code yarn-site.xml} and {@code mapred-site.xml}, written when it
   * starts.
   */
  public java.nio.file.Path hadoopConfDir() {
    return dir.resolve("yarn").resolve("conf");
  }

  /** The Oozie server's URL ({@code OOZIE_URL}). */
  public String oozieUrl() {
    return "http://127.0.0.1:" + ports.oozie() + "/oozie";
  }

  /**
   * How an engine that needs {@code engine} is told where it is: the URI of HDFS, YARN's client
   * configuration directory, or the endpoint.
   */
  String argument(Engine engine) {
    return engine == Engine.YARN ? hadoopConfDir().toString() : of(engine);
  }

  /** What a client of the engine connects to, as one string. */
  public String of(Engine engine) {
    return switch (engine) {
      case KAFKA -> kafkaBootstrap();
      case HDFS -> hdfsUri();
      case HBASE -> "zookeeper " + hbaseZookeeperQuorum() + ":" + hbaseZookeeperPort();
      case ELASTICSEARCH -> elasticsearchUrl();
      case OOZIE -> oozieUrl();
      case YARN ->
          "resourcemanager " + yarnResourceManager() + ", HADOOP_CONF_DIR=" + hadoopConfDir();
    };
  }
}
