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
}
