package io.stocklambda.batch.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Spark sessions for the batch jobs: local by default, bound to loopback (the host name may resolve
 * elsewhere), no UI.
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
