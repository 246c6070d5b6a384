package io.stocklambda.batch.spark;

import io.stocklambda.commands.batch.SparkOptions;
import io.stocklambda.hdfs.HadoopConfDir;
import org.apache.spark.sql.SparkSession;

/**
 * Spark sessions for the batch jobs: local by default, bound to loopback (the host name may resolve
 * elsewhere), no UI; or on YARN.
 */
public final class SparkSessions {

  private SparkSessions() {}

  /**
   * An absolute dataset path on a file system: {@code hdfs://h:8020} + {@code /stocklambda/x}, or
   * {@code file:///} + {@code /tmp/x}.
   */
  public static String qualify(String fileSystem, String path) {
    java.net.URI base =
        java.net.URI.create(fileSystem.endsWith("/") ? fileSystem : fileSystem + "/");
    return base.resolve(path.startsWith("/") ? path.substring(1) : path).toString();
  }

  /**
   * A session for a command's {@code --master}: a local master as {@link #create(String, String)};
   * {@code yarn} in client mode, configured from the cluster's Hadoop configuration ({@code
   * --hadoop-conf-dir} or {@code HADOOP_CONF_DIR}) with the component's jars on the cluster; inside
   * a YARN container (the driver of a cluster-mode run), the configuration Spark was submitted
   * with.
   *
   * @throws IllegalArgumentException if {@code yarn} is asked for without a Hadoop configuration
   */
  public static SparkSession create(String app, SparkOptions options) {
    if (insideYarn()) {
      return common(SparkSession.builder().appName(app)).getOrCreate();
    }
    if (!options.master.startsWith("yarn")) {
      return create(app, options.master);
    }
    HadoopConfDir cluster = HadoopConfDir.require(options.cluster.hadoopConfDir, "--master yarn");
    SparkSession.Builder builder = SparkSession.builder().appName(app).master("yarn");
    yarnConf(options, cluster).forEach(builder::config);
    return common(builder).config("spark.submit.deployMode", "client").getOrCreate();
  }

  /**
   * What a YARN application of this component is configured with: the cluster's Hadoop properties
   * as {@code spark.hadoop.*}, and {@code spark.yarn.jars}.
   */
  static java.util.Map<String, String> yarnConf(SparkOptions options, HadoopConfDir cluster) {
    java.util.Map<String, String> conf = new java.util.TreeMap<>();
    cluster.properties().forEach((k, v) -> conf.put("spark.hadoop." + k, v));
    conf.put(
        "spark.yarn.jars",
        SparkJars.onCluster(
            options.dataset.hdfs,
            options.dataset.layout().root(),
            cluster.addTo(new org.apache.hadoop.conf.Configuration())));
    conf.put("spark.sql.shuffle.partitions", "8");
    conf.put("spark.sql.session.timeZone", "UTC");
    conf.put("spark.ui.enabled", "false");
    // a failed batch job is reported, not run again behind the caller's back: a second attempt
    // would meet the first one's half-written model or view (Oozie retries at its own level)
    conf.put("spark.yarn.maxAppAttempts", "1");
    return conf;
  }

  /**
   * Is this JVM the driver of a cluster-mode run, inside Spark's YARN application master? That
   * master sets {@code spark.yarn.app.id} before it calls the main class. Not any YARN container:
   * an Oozie launcher is one too, and it submits the run rather than being its driver.
   */
  static boolean insideYarn() {
    return System.getProperty("spark.yarn.app.id") != null;
  }

  private static SparkSession.Builder common(SparkSession.Builder builder) {
    return builder
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.session.timeZone", "UTC");
  }

  public static SparkSession create(String app, String master) {
    return SparkSession.builder()
        .appName(app)
        .master(master)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }

  /** The file system of the dataset, as this session's Hadoop configuration opens it. */
  static org.apache.hadoop.fs.FileSystem fileSystem(SparkSession spark, String hdfs) {
    try {
      return org.apache.hadoop.fs.FileSystem.get(
          java.net.URI.create(qualify(hdfs, "/")), spark.sparkContext().hadoopConfiguration());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot reach " + hdfs, e);
    }
  }

  /** Deletes a work directory, saying so on {@code out} if it cannot. */
  static void deleteQuietly(SparkSession spark, String dir, java.io.PrintStream out) {
    try {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir);
      path.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(path, true);
    } catch (java.io.IOException e) {
      out.println("warning: could not delete the work directory " + dir + ": " + e.getMessage());
    }
  }
}
