package io.stocklambda.cli.stack;

import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.Port;
import com.github.rvesse.airline.annotations.restrictions.PortType;
import io.stocklambda.embedded.stack.StackPorts;

/**
 * The stack's ports as options, shared by every command that starts the stack ({@code stack up},
 * {@code demo}).
 */
public final class StackPortOptions {

  private static final StackPorts DEFAULTS = StackPorts.defaults();

  @Option(
      name = "--kafka-port",
      title = "kafka-port",
      description = "Kafka client listener (default 9092)")
  @Port(acceptablePorts = PortType.ANY)
  int kafkaPort = DEFAULTS.kafka();

  @Option(
      name = "--kafka-controller-port",
      title = "kafka-controller-port",
      description = "Kafka KRaft controller listener (default 9093)")
  @Port(acceptablePorts = PortType.ANY)
  int kafkaControllerPort = DEFAULTS.kafkaController();

  @Option(
      name = "--hdfs-port",
      title = "hdfs-port",
      description = "HDFS NameNode RPC port (default 8020)")
  @Port(acceptablePorts = PortType.ANY)
  int hdfsPort = DEFAULTS.hdfs();

  @Option(
      name = "--hbase-zookeeper-port",
      title = "hbase-zookeeper-port",
      description = "HBase's ZooKeeper client port (default 2181)")
  @Port(acceptablePorts = PortType.ANY)
  int hbaseZookeeperPort = DEFAULTS.hbaseZookeeper();

  @Option(
      name = "--hbase-master-port",
      title = "hbase-master-port",
      description = "HBase master RPC port (default 16000)")
  @Port(acceptablePorts = PortType.ANY)
  int hbaseMasterPort = DEFAULTS.hbaseMaster();

  @Option(
      name = "--hbase-regionserver-port",
      title = "hbase-regionserver-port",
      description = "HBase region server RPC port (default 16020)")
  @Port(acceptablePorts = PortType.ANY)
  int hbaseRegionServerPort = DEFAULTS.hbaseRegionServer();

  @Option(
      name = "--elasticsearch-http-port",
      title = "elasticsearch-http-port",
      description = "Elasticsearch HTTP port (default 9200)")
  @Port(acceptablePorts = PortType.ANY)
  int elasticsearchPort = DEFAULTS.elasticsearch();

  @Option(
      name = "--elasticsearch-transport-port",
      title = "elasticsearch-transport-port",
      description = "Elasticsearch transport port (default 9300)")
  @Port(acceptablePorts = PortType.ANY)
  int elasticsearchTransportPort = DEFAULTS.elasticsearchTransport();

  @Option(
      name = "--yarn-port",
      title = "yarn-port",
      description = "YARN ResourceManager client port (default 8032)")
  @Port(acceptablePorts = PortType.ANY)
  int yarnPort = DEFAULTS.yarn();

  @Option(
      name = "--yarn-webapp-port",
      title = "yarn-webapp-port",
      description = "YARN ResourceManager web UI port (default 8088)")
  @Port(acceptablePorts = PortType.ANY)
  int yarnWebappPort = DEFAULTS.yarnWebapp();

  @Option(
      name = "--oozie-port",
      title = "oozie-port",
      description = "Oozie server HTTP port (default 11000)")
  @Port(acceptablePorts = PortType.ANY)
  int ooziePort = DEFAULTS.oozie();

  public StackPorts ports() {
    return new StackPorts(
        kafkaPort,
        kafkaControllerPort,
        hdfsPort,
        hbaseZookeeperPort,
        hbaseMasterPort,
        hbaseRegionServerPort,
        elasticsearchPort,
        elasticsearchTransportPort,
        yarnPort,
        yarnWebappPort,
        ooziePort);
  }
}
