package io.stocklambda.embedded.yarn;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * The configuration of the embedded YARN, written once: what its daemons run with ({@link
 * #server()}) and the client configuration directory a job is submitted with ({@link
 * #writeClientConfiguration}), as an administrator writes a cluster's {@code *-site.xml}.
 *
 * <p>Only the ResourceManager's client and web ports are fixed (the stack's {@code --yarn-port},
 * {@code --yarn-webapp-port}); the other daemons' ports are chosen free at start and written into
 * the client configuration.
 */
final class YarnSite {

  static final String CORE_SITE = "core-site.xml";
  static final String YARN_SITE = "yarn-site.xml";
  static final String MAPRED_SITE = "mapred-site.xml";

  /** Container memory of the one NodeManager, MB: an AM and a few 1 GB tasks at once. */
  static final int NODE_MEMORY_MB = 6144;

  /**
   * JVM flags every container needs here: Hadoop 3.4's task code reflects into {@code java.lang}
   * and {@code java.nio} on Java 17, and its logging goes through the cluster's logback.
   */
  private static final List<String> CONTAINER_JVM_FLAGS =
      List.of(
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "-Djava.net.preferIPv4Stack=true");

  private final Map<String, String> core = new LinkedHashMap<>();
  private final Map<String, String> yarn = new LinkedHashMap<>();
  private final Map<String, String> mapred = new LinkedHashMap<>();
  private final Map<String, String> serverOnly = new LinkedHashMap<>();

  private YarnSite() {}

  static YarnSite create(YarnEngine.Config config) {
    YarnSite site = new YarnSite();
    String host = "127.0.0.1";
    site.core.put("fs.defaultFS", config.hdfs());

    site.yarn.put(YarnConfiguration.RM_HOSTNAME, host);
    site.yarn.put(YarnConfiguration.RM_ADDRESS, host + ":" + config.port());
    site.yarn.put(YarnConfiguration.RM_SCHEDULER_ADDRESS, host + ":" + freePort());
    site.yarn.put(YarnConfiguration.RM_RESOURCE_TRACKER_ADDRESS, host + ":" + freePort());
    site.yarn.put(YarnConfiguration.RM_ADMIN_ADDRESS, host + ":" + freePort());
    site.yarn.put(YarnConfiguration.RM_WEBAPP_ADDRESS, host + ":" + config.webappPort());
    site.yarn.put(
        YarnConfiguration.RM_SCHEDULER,
        "org.apache.hadoop.yarn.server.resourcemanager.scheduler.fifo.FifoScheduler");
    site.yarn.put(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, "256");
    site.yarn.put(
        YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, Integer.toString(NODE_MEMORY_MB));
    // the cluster's Hadoop is this engine's own classpath, as $HADOOP_HOME's jars are on a real
    // cluster: every application's containers (Oozie's launcher, Spark's, MapReduce's) get it
    site.yarn.put(
        YarnConfiguration.YARN_APPLICATION_CLASSPATH, System.getProperty("java.class.path"));
    site.yarn.put(YarnConfiguration.NM_AUX_SERVICES, "mapreduce_shuffle");
    site.yarn.put(
        String.format(YarnConfiguration.NM_AUX_SERVICE_FMT, "mapreduce_shuffle"),
        "org.apache.hadoop.mapred.ShuffleHandler");

    // Oozie submits as the workflow's user: the ResourceManager lets the stack's user do so
    String user = System.getProperty("user.name");
    site.serverOnly.put("hadoop.proxyuser." + user + ".hosts", "*");
    site.serverOnly.put("hadoop.proxyuser." + user + ".groups", "*");

    Path nm = config.dir().resolve("nodemanager");
    site.serverOnly.put(YarnConfiguration.NM_ADDRESS, host + ":" + freePort());
    site.serverOnly.put(YarnConfiguration.NM_LOCALIZER_ADDRESS, host + ":" + freePort());
    site.serverOnly.put(YarnConfiguration.NM_WEBAPP_ADDRESS, host + ":" + freePort());
    site.serverOnly.put(YarnConfiguration.NM_LOCAL_DIRS, nm.resolve("local").toString());
    site.serverOnly.put(YarnConfiguration.NM_LOG_DIRS, nm.resolve("logs").toString());
    site.serverOnly.put(YarnConfiguration.NM_PMEM_MB, Integer.toString(NODE_MEMORY_MB));
    site.serverOnly.put(
        YarnConfiguration.NM_VCORES,
        Integer.toString(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())));
    // a JVM maps far more virtual memory than it uses; real memory is what the machine has
    site.serverOnly.put(YarnConfiguration.NM_PMEM_CHECK_ENABLED, "false");
    site.serverOnly.put(YarnConfiguration.NM_VMEM_CHECK_ENABLED, "false");
    // a developer's disk is often fuller than a cluster's 90 %: do not mark the node unhealthy
    site.serverOnly.put(
        YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, Float.toString(99.9f));
    // containers run the JVM this engine runs on, and find the cluster's client configuration
    // where a cluster's NodeManagers give it to them (an Oozie action that submits a job needs it)
    site.serverOnly.put(
        YarnConfiguration.NM_ADMIN_USER_ENV,
        "MALLOC_ARENA_MAX=4,JAVA_HOME="
            + System.getProperty("java.home")
            + ",HADOOP_CONF_DIR="
            + config.confDir());
    site.serverOnly.put("mapreduce.shuffle.port", Integer.toString(freePort()));

    site.mapred.put("mapreduce.framework.name", "yarn");
    site.mapred.put("mapreduce.jobhistory.address", host + ":" + freePort());
    site.mapred.put("mapreduce.jobhistory.webapp.address", host + ":" + freePort());
    site.mapred.put("mapreduce.jobhistory.admin.address", host + ":" + freePort());
    // the cluster's MapReduce framework is this engine's own classpath, as $HADOOP_HOME's jars
    // are on a real cluster; jobs add their own jars through the distributed cache
    site.mapred.put("mapreduce.application.classpath", System.getProperty("java.class.path"));
    String flags =
        String.join(" ", CONTAINER_JVM_FLAGS)
            + " -Dlogback.configurationFile="
            + config.confDir().resolve(ContainerLogging.FILE);
    site.mapred.put("yarn.app.mapreduce.am.admin-command-opts", flags);
    site.mapred.put("mapreduce.admin.map.child.java.opts", flags);
    site.mapred.put("mapreduce.admin.reduce.child.java.opts", flags);
    return site;
  }

  /** The daemons' configuration: every client setting plus the NodeManager's own. */
  Configuration server() {
    Configuration conf = new YarnConfiguration();
    List.of(core, yarn, mapred, serverOnly).forEach(m -> m.forEach(conf::set));
    return conf;
  }

  /** Writes {@code core-site.xml}, {@code yarn-site.xml}, {@code mapred-site.xml} and logging. */
  void writeClientConfiguration(Path dir) throws IOException {
    Files.createDirectories(dir);
    write(dir.resolve(CORE_SITE), core);
    write(dir.resolve(YARN_SITE), yarn);
    write(dir.resolve(MAPRED_SITE), mapred);
    ContainerLogging.write(dir.resolve(ContainerLogging.FILE));
  }

  private static void write(Path file, Map<String, String> properties) throws IOException {
    Configuration conf = new Configuration(false);
    properties.forEach((k, v) -> conf.set(k, v, "stocklambda embedded YARN"));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      conf.writeXml(out);
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** The inner services' ports handed out in this JVM: none is handed out twice. */
  private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

  /**
   * A port for one of YARN's inner services, from the kernel's ephemeral range: the stack's own
   * ports (its defaults, and the tests' from {@code FreePorts}) lie below that range, so the two
   * cannot meet. Never one handed out before: the kernel may give a just-closed port again, and two
   * services of one site given the same port failed the stack's start on CI (the job history
   * server's RPC and web addresses, "Address already in use").
   */
  static synchronized int freePort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (HANDED_OUT.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot find a free port", e);
      }
    }
    throw new IllegalStateException("the kernel gave only ports handed out before, 100 times");
  }
}
