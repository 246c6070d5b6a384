package io.stocklambda.cli.stack;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import com.github.rvesse.airline.annotations.restrictions.Port;
import com.github.rvesse.airline.annotations.restrictions.PortType;
import io.stocklambda.embedded.stack.EmbeddedStack;
import io.stocklambda.embedded.stack.Endpoints;
import io.stocklambda.embedded.stack.Engine;
import io.stocklambda.embedded.stack.StackPorts;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** {@code stocklambda stack up}. */
@Command(name = "up", description = "Start Kafka, HDFS, HBase and Elasticsearch as local processes and wait until each is ready")
public final class StackUpCommand extends StackCommand {

  private static final StackPorts DEFAULTS = StackPorts.defaults();

  @Option(name = "--engines", title = "engines", description = "Comma-separated engines to start (default kafka,hdfs,hbase,elasticsearch)")
  String engines = "kafka,hdfs,hbase,elasticsearch";

  @Option(name = "--kafka-port", title = "kafka-port", description = "Kafka client listener (default 9092)")
  @Port(acceptablePorts = PortType.ANY)
  int kafkaPort = DEFAULTS.kafka();

  @Option(name = "--kafka-controller-port", title = "kafka-controller-port", description = "Kafka KRaft controller listener (default 9093)")
  @Port(acceptablePorts = PortType.ANY)
  int kafkaControllerPort = DEFAULTS.kafkaController();

  @Option(name = "--hdfs-port", title = "hdfs-port", description = "HDFS NameNode RPC port (default 8020)")
  @Port(acceptablePorts = PortType.ANY)
  int hdfsPort = DEFAULTS.hdfs();

  @Option(name = "--hbase-zookeeper-port", title = "hbase-zookeeper-port", description = "HBase's ZooKeeper client port (default 2181)")
  @Port(acceptablePorts = PortType.ANY)
  int hbaseZookeeperPort = DEFAULTS.hbaseZookeeper();

  @Option(name = "--hbase-master-port", title = "hbase-master-port", description = "HBase master RPC port (default 16000)")
  @Port(acceptablePorts = PortType.ANY)
  int hbaseMasterPort = DEFAULTS.hbaseMaster();

  @Option(name = "--hbase-regionserver-port", title = "hbase-regionserver-port", description = "HBase region server RPC port (default 16020)")
  @Port(acceptablePorts = PortType.ANY)
  int hbaseRegionServerPort = DEFAULTS.hbaseRegionServer();

  @Option(name = "--elasticsearch-http-port", title = "elasticsearch-http-port", description = "Elasticsearch HTTP port (default 9200)")
  @Port(acceptablePorts = PortType.ANY)
  int elasticsearchPort = DEFAULTS.elasticsearch();

  @Option(name = "--elasticsearch-transport-port", title = "elasticsearch-transport-port", description = "Elasticsearch transport port (default 9300)")
  @Port(acceptablePorts = PortType.ANY)
  int elasticsearchTransportPort = DEFAULTS.elasticsearchTransport();

  @Override
  protected int run(EmbeddedStack stack) {
    Set<Engine> selected = engines();
    StackPorts ports = ports();
    long start = System.nanoTime();
    stack.up(selected, ports);
    Endpoints endpoints = stack.endpoints();
    out().printf("%nstack ready in %.1f s in %s%n", (System.nanoTime() - start) / 1e9, stack.dir());
    for (Engine engine : selected) {
      out().printf("  %-13s %s%n", engine.id(), endpoints.of(engine));
    }
    out().println("check it with 'stocklambda stack status', stop it with 'stocklambda stack down' (add --dir " + dir + " if not the default)");
    return 0;
  }

  Set<Engine> engines() {
    Set<Engine> selected = EnumSet.noneOf(Engine.class);
    Arrays.stream(engines.split(",")).filter(s -> !s.isBlank()).map(Engine::of).forEach(selected::add);
    if (selected.isEmpty()) {
      throw new IllegalArgumentException("--engines names no engine");
    }
    return selected;
  }

  StackPorts ports() {
    return new StackPorts(kafkaPort, kafkaControllerPort, hdfsPort, hbaseZookeeperPort, hbaseMasterPort,
        hbaseRegionServerPort, elasticsearchPort, elasticsearchTransportPort);
  }
}
