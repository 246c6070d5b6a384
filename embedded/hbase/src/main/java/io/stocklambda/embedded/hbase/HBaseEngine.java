package io.stocklambda.embedded.hbase;

import io.stocklambda.embedded.runtime.EngineArgs;
import io.stocklambda.embedded.runtime.EngineProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.LocalHBaseCluster;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.master.HMaster;
import org.apache.hadoop.hbase.regionserver.HRegionServer;
import org.apache.hadoop.hbase.zookeeper.MiniZooKeeperCluster;

/**
 * A real standalone HBase: ZooKeeper, a master and a region server in one process, storing tables
 * on the local file system under the data directory (what {@code hbase master start} does when not
 * distributed), on fixed ports.
 */
public final class HBaseEngine extends EngineProcess<HBaseEngine.Config> {

  record Config(Path dir, int zookeeperPort, int masterPort, int regionServerPort) {}

  private MiniZooKeeperCluster zookeeper;
  private LocalHBaseCluster cluster;

  public static void main(String[] args) {
    new HBaseEngine().run(args);
  }

  @Override
  protected Config configure(EngineArgs args) {
    return new Config(
        args.path("dir"),
        args.port("zookeeper-port"),
        args.port("master-port"),
        args.port("regionserver-port"));
  }

  @Override
  protected Path readyFile(Config config) {
    return config.dir().resolve("ready");
  }

  @Override
  protected Duration startTimeout() {
    return Duration.ofMinutes(4);
  }

  static Configuration configuration(Config config) {
    Configuration conf = HBaseConfiguration.create();
    conf.setBoolean("hbase.cluster.distributed", false);
    conf.set("hbase.rootdir", config.dir().resolve("hbase").toUri().toString());
    conf.set("hbase.tmp.dir", config.dir().resolve("tmp").toString());
    conf.set("hbase.zookeeper.quorum", "127.0.0.1");
    conf.setInt("hbase.zookeeper.property.clientPort", config.zookeeperPort());
    conf.set("hbase.zookeeper.property.dataDir", config.dir().resolve("zookeeper").toString());
    // RPC on loopback only, whatever the host name resolves to: an embedded engine serves this
    // machine
    conf.set("hbase.master.ipc.address", "127.0.0.1");
    conf.set("hbase.regionserver.ipc.address", "127.0.0.1");
    conf.set("hbase.master.hostname", "127.0.0.1");
    conf.set("hbase.unsafe.regionserver.hostname", "127.0.0.1");
    conf.setInt("hbase.master.port", config.masterPort());
    conf.setInt("hbase.regionserver.port", config.regionServerPort());
    conf.setInt("hbase.master.info.port", -1);
    conf.setInt("hbase.regionserver.info.port", -1);
    // the local file system has no hflush/hsync capability checks to pass
    conf.setBoolean("hbase.unsafe.stream.capability.enforce", false);
    return conf;
  }

  @Override
  protected void start(Config config) throws Exception {
    Configuration conf = configuration(config);
    zookeeper = new MiniZooKeeperCluster(conf);
    zookeeper.setDefaultClientPort(config.zookeeperPort());
    zookeeper.startup(config.dir().resolve("zookeeper").toFile());
    cluster = new LocalHBaseCluster(conf, 1, 1, HMaster.class, HRegionServer.class);
    cluster.startup();
  }

  @Override
  protected String check(Config config) throws Exception {
    Configuration conf = configuration(config);
    conf.setInt("hbase.client.retries.number", 1);
    conf.setInt("zookeeper.recovery.retry", 0);
    conf.setInt("hbase.rpc.timeout", 5000);
    conf.setInt("hbase.client.operation.timeout", 10000);
    try (Connection connection = ConnectionFactory.createConnection(conf);
        Admin admin = connection.getAdmin()) {
      int namespaces = admin.listNamespaceDescriptors().length;
      int servers = admin.getRegionServers().size();
      if (servers == 0) {
        throw new IllegalStateException("no live region server");
      }
      return "hbase zookeeper 127.0.0.1:"
          + config.zookeeperPort()
          + ": "
          + servers
          + " region server, "
          + namespaces
          + " namespaces";
    }
  }

  @Override
  protected void stop() throws Exception {
    if (cluster != null) {
      cluster.shutdown();
      cluster.join();
    }
    if (zookeeper != null) {
      zookeeper.shutdown();
    }
  }
}
