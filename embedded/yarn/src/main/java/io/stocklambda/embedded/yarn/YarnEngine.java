package io.stocklambda.embedded.yarn;

import io.stocklambda.embedded.runtime.EngineArgs;
import io.stocklambda.embedded.runtime.EngineProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.mapreduce.v2.hs.JobHistoryServer;
import org.apache.hadoop.metrics2.lib.DefaultMetricsSystem;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.nodemanager.NodeManager;
import org.apache.hadoop.yarn.server.resourcemanager.ResourceManager;

/**
 * A real YARN against the embedded HDFS: a ResourceManager (FIFO scheduler), one NodeManager with
 * MapReduce's shuffle service, and MapReduce's JobHistory server, in one process. Containers are
 * real child processes of the NodeManager. On start it writes a Hadoop client configuration
 * directory ({@code <dir>/conf}: core-, yarn- and mapred-site.xml), the {@code HADOOP_CONF_DIR} a
 * client submits with, as it would use a real cluster's.
 */
public final class YarnEngine extends EngineProcess<YarnEngine.Config> {

  /**
   * @param dir data directory (NodeManager local and log directories, the client configuration)
   * @param port ResourceManager client port ({@code yarn.resourcemanager.address})
   * @param webappPort ResourceManager web UI port
   * @param hdfs the file system URI of the embedded HDFS ({@code fs.defaultFS})
   */
  record Config(Path dir, int port, int webappPort, String hdfs) {
    Path confDir() {
      return dir.resolve("conf");
    }
  }

  private ResourceManager resourceManager;
  private NodeManager nodeManager;
  private JobHistoryServer historyServer;

  public static void main(String[] args) {
    new YarnEngine().run(args);
  }

  @Override
  protected Config configure(EngineArgs args) {
    return new Config(
        args.path("dir"), args.port("port"), args.port("webapp-port"), args.string("hdfs"));
  }

  @Override
  protected Path readyFile(Config config) {
    return config.dir().resolve("ready");
  }

  @Override
  protected Duration startTimeout() {
    return Duration.ofMinutes(4);
  }

  @Override
  protected void start(Config config) throws Exception {
    // a client configuration left by an earlier run would tell waiting engines YARN is up
    org.apache.hadoop.fs.FileUtil.fullyDelete(config.confDir().toFile());
    awaitHdfs(config.hdfs(), Duration.ofMinutes(3));
    YarnSite site = YarnSite.create(config);
    // the daemons share this JVM: their metrics sources may carry the same names
    DefaultMetricsSystem.setMiniClusterMode(true);
    resourceManager = new ResourceManager();
    resourceManager.init(site.server());
    resourceManager.start();
    nodeManager = new NodeManager();
    nodeManager.init(site.server());
    nodeManager.start();
    historyServer = new JobHistoryServer();
    historyServer.init(site.server());
    historyServer.start();
    site.writeClientConfiguration(config.confDir());
  }

  /** The HDFS engine starts beside this one: the history server needs it for its directories. */
  private static void awaitHdfs(String uri, Duration timeout) throws Exception {
    Configuration conf = new Configuration();
    conf.setInt("ipc.client.connect.max.retries", 0);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try (FileSystem fs = FileSystem.newInstance(URI.create(uri), conf)) {
        fs.mkdirs(new org.apache.hadoop.fs.Path("/tmp"));
        return;
      } catch (java.io.IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("HDFS at " + uri + " did not answer: " + e, e);
        }
        Thread.sleep(500);
      }
    }
  }

  @Override
  protected String check(Config config) throws Exception {
    Path site = config.confDir().resolve(YarnSite.YARN_SITE);
    if (!Files.isRegularFile(site)) {
      throw new IllegalStateException("no client configuration yet in " + config.confDir());
    }
    Configuration conf = new YarnConfiguration();
    conf.addResource(new org.apache.hadoop.fs.Path(site.toUri()));
    conf.setLong(YarnConfiguration.RESOURCEMANAGER_CONNECT_MAX_WAIT_MS, 2_000);
    conf.setLong(YarnConfiguration.RESOURCEMANAGER_CONNECT_RETRY_INTERVAL_MS, 500);
    try (YarnClient client = YarnClient.createYarnClient()) {
      client.init(conf);
      client.start();
      List<NodeReport> nodes = client.getNodeReports(NodeState.RUNNING);
      if (nodes.isEmpty()) {
        throw new IllegalStateException("no NodeManager registered yet");
      }
      long memory = nodes.stream().mapToLong(n -> n.getCapability().getMemorySize()).sum();
      int vcores = nodes.stream().mapToInt(n -> n.getCapability().getVirtualCores()).sum();
      return String.format(
          "yarn %s: %d NodeManager(s), %,d MB and %d vcores, %d application(s) known; "
              + "HADOOP_CONF_DIR=%s",
          conf.get(YarnConfiguration.RM_ADDRESS),
          nodes.size(),
          memory,
          vcores,
          client.getApplications().size(),
          config.confDir());
    }
  }

  @Override
  protected void stop() {
    // reverse order; the NodeManager stops its containers
    if (historyServer != null) {
      historyServer.stop();
    }
    if (nodeManager != null) {
      nodeManager.stop();
    }
    if (resourceManager != null) {
      resourceManager.stop();
    }
  }
}
