package io.stocklambda.embedded.kafka;

import io.stocklambda.embedded.runtime.EngineArgs;
import io.stocklambda.embedded.runtime.EngineProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Kafka broker in KRaft mode, broker and controller in one process, as {@code
 * kafka-storage.sh format} and {@code kafka-server-start.sh} would run it. The log directory is
 * formatted once; later starts keep every topic and offset.
 */
public final class KafkaEngine extends EngineProcess<KafkaEngine.Config> {

  /**
   * @param dir data directory; @param port client listener; @param controllerPort KRaft controller
   *     listener
   */
  record Config(Path dir, int port, int controllerPort) {
    Path logDir() {
      return dir.resolve("data");
    }

    String bootstrap() {
      return "127.0.0.1:" + port;
    }
  }

  private KafkaRaftServer server;

  public static void main(String[] args) {
    new KafkaEngine().run(args);
  }

  @Override
  protected Config configure(EngineArgs args) {
    return new Config(args.path("dir"), args.port("port"), args.port("controller-port"));
  }

  @Override
  protected Path readyFile(Config config) {
    return config.dir().resolve("ready");
  }

  @Override
  protected void start(Config config) throws Exception {
    Properties props = brokerProperties(config);
    KafkaConfig kafkaConfig = KafkaConfig.fromProps(props, false);
    if (!Files.exists(config.logDir().resolve("meta.properties"))) {
      Files.createDirectories(config.logDir());
      new Formatter()
          .setPrintStream(System.out)
          .setNodeId(kafkaConfig.nodeId())
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(config.logDir().toString())
          .setDirectories(List.of(config.logDir().toString()))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    }
    server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
    server.startup();
  }

  static Properties brokerProperties(Config config) {
    Properties p = new Properties();
    p.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            Map.entry("controller.quorum.voters", "1@127.0.0.1:" + config.controllerPort()),
            Map.entry(
                "listeners",
                "PLAINTEXT://127.0.0.1:"
                    + config.port()
                    + ",CONTROLLER://127.0.0.1:"
                    + config.controllerPort()),
            Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + config.port()),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("inter.broker.listener.name", "PLAINTEXT"),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("log.dirs", config.logDir().toString()),
            // one broker: every internal topic has one replica, or transactions and groups never
            // start
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("num.partitions", "1")));
    return p;
  }

  @Override
  protected String check(Config config) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
      DescribeClusterResult cluster = admin.describeCluster();
      int brokers = cluster.nodes().get(5, TimeUnit.SECONDS).size();
      String id = cluster.clusterId().get(5, TimeUnit.SECONDS);
      int topics = admin.listTopics().names().get(5, TimeUnit.SECONDS).size();
      return "kafka "
          + config.bootstrap()
          + ": cluster "
          + id
          + ", "
          + brokers
          + " broker, "
          + topics
          + " topics";
    }
  }

  @Override
  protected void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
    }
  }
}
