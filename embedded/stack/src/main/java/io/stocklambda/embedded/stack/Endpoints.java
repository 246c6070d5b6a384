package io.stocklambda.embedded.stack;

/** Where clients reach the running engines. */
public record Endpoints(StackPorts ports) {

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

  /** What a client of the engine connects to, as one string. */
  public String of(Engine engine) {
    return switch (engine) {
      case KAFKA -> kafkaBootstrap();
      case HDFS -> hdfsUri();
      case HBASE -> "zookeeper " + hbaseZookeeperQuorum() + ":" + hbaseZookeeperPort();
      case ELASTICSEARCH -> elasticsearchUrl();
    };
  }
}
