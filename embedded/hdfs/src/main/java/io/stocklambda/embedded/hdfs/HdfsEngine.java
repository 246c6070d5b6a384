package io.stocklambda.embedded.hdfs;

import io.stocklambda.embedded.runtime.EngineArgs;
import io.stocklambda.embedded.runtime.EngineProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS: a NameNode and a DataNode (Hadoop's MiniDFSCluster) on a fixed RPC port, storing
 * under the data directory. Formatted on the first start only, so a restart finds every file.
 */
public final class HdfsEngine extends EngineProcess<HdfsEngine.Config> {

  /**
   * @param dir data directory; @param port NameNode RPC port
   */
  record Config(Path dir, int port) {
    String uri() {
      return "hdfs://127.0.0.1:" + port;
    }

    Path formattedMarker() {
      return dir.resolve("formatted");
    }
  }

  private MiniDFSCluster cluster;

  public static void main(String[] args) {
    new HdfsEngine().run(args);
  }

  @Override
  protected Config configure(EngineArgs args) {
    return new Config(args.path("dir"), args.port("port"));
  }

  @Override
  protected Path readyFile(Config config) {
    return config.dir().resolve("ready");
  }

  @Override
  protected void start(Config config) throws Exception {
    Configuration conf = new HdfsConfiguration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, config.dir().resolve("data").toString());
    conf.setBoolean("dfs.permissions.enabled", false); // local development: any user may write
    conf.setInt("dfs.replication", 1);
    conf.setInt("dfs.namenode.safemode.extension", 0);
    conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    // a server acting for its users (Oozie submitting as the workflow's user) is a proxy user
    String user = System.getProperty("user.name");
    conf.set("hadoop.proxyuser." + user + ".hosts", "*");
    conf.set("hadoop.proxyuser." + user + ".groups", "*");
    boolean format = !Files.exists(config.formattedMarker());
    cluster =
        new MiniDFSCluster.Builder(conf)
            .nameNodePort(config.port())
            .nameNodeHttpPort(0)
            .numDataNodes(1)
            .format(format)
            .manageNameDfsDirs(true)
            .manageDataDfsDirs(true)
            .waitSafeMode(true)
            .checkExitOnShutdown(false)
            .build();
    cluster.waitActive();
    if (format) {
      Files.writeString(config.formattedMarker(), "formatted by stocklambda\n");
    }
  }

  @Override
  protected String check(Config config) throws Exception {
    Configuration conf = new Configuration();
    conf.setInt("ipc.client.connect.max.retries", 0);
    conf.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
    try (FileSystem fs = FileSystem.newInstance(URI.create(config.uri()), conf)) {
      DistributedFileSystem dfs = (DistributedFileSystem) fs;
      if (dfs.isInSafeMode()) {
        throw new IllegalStateException("namenode in safe mode");
      }
      int entries = fs.listStatus(new org.apache.hadoop.fs.Path("/")).length;
      int datanodes = dfs.getDataNodeStats().length;
      if (datanodes == 0) {
        throw new IllegalStateException("no live datanode");
      }
      return "hdfs " + config.uri() + ": " + datanodes + " datanode, " + entries + " entries in /";
    }
  }

  @Override
  protected void stop() {
    if (cluster != null) {
      // not shutdown(): it closes Hadoop's cached file systems, which unregisters shutdown hooks,
      // and that is refused while the JVM is already shutting down (this runs on SIGTERM)
      cluster.shutdownDataNodes();
      cluster.shutdownNameNodes();
    }
  }
}
