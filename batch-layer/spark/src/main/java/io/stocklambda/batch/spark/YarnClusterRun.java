package io.stocklambda.batch.spark;

import io.stocklambda.commands.batch.SparkOptions;
import io.stocklambda.hdfs.HadoopConfDir;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.launcher.InProcessLauncher;
import org.apache.spark.launcher.SparkAppHandle;

/**
 * A batch job in YARN's cluster deploy mode: submitted with Spark's own {@link InProcessLauncher}
 * (what {@code spark-submit --deploy-mode cluster} runs, without a Spark installation), the same
 * command and options as the driver's arguments; the driver runs in the application master, and
 * this waits for it, printing each state. Like {@code spark-submit}, it needs {@code
 * HADOOP_CONF_DIR} in the environment.
 */
final class YarnClusterRun {

  private YarnClusterRun() {}

  /**
   * Submits and waits.
   *
   * @return 0 when the application finished, never otherwise
   * @throws IllegalStateException if it failed, was killed or was lost, with its application id
   * @throws IllegalArgumentException if the master is not YARN or no Hadoop configuration is given
   */
  static int submit(String app, SparkOptions options, PrintStream out) {
    if (!options.master.startsWith("yarn")) {
      throw new IllegalArgumentException(
          "--deploy-mode cluster needs --master yarn, was --master " + options.master);
    }
    HadoopConfDir cluster = HadoopConfDir.require(options.cluster.hadoopConfDir, "--master yarn");
    if (System.getenv(HadoopConfDir.ENV) == null) {
      // Spark's submission reads the environment, not an option, and ships that directory to the
      // application master
      throw new IllegalArgumentException(
          "--deploy-mode cluster submits as spark-submit does, which reads the cluster's "
              + "configuration from the environment: export "
              + HadoopConfDir.ENV
              + "="
              + cluster.dir());
    }
    InProcessLauncher launcher =
        new InProcessLauncher()
            .setAppName(app)
            .setMaster("yarn")
            .setDeployMode("cluster")
            .setAppResource(jarOf(SparkMain.class))
            .setMainClass(SparkMain.class.getName())
            .addAppArgs(options.toArgs().toArray(String[]::new));
    // the launcher reads spark-defaults.conf from a Spark installation unless given a file:
    // the configuration goes in one, so that no SPARK_HOME is needed
    launcher.setPropertiesFile(propertiesFile(SparkSessions.yarnConf(options, cluster)).toString());
    CountDownLatch done = new CountDownLatch(1);
    try {
      SparkAppHandle handle =
          launcher.startApplication(
              new SparkAppHandle.Listener() {
                @Override
                public void stateChanged(SparkAppHandle h) {
                  out.printf("  %s: %s%n", h.getAppId() == null ? app : h.getAppId(), h.getState());
                  if (h.getState().isFinal()) {
                    done.countDown();
                  }
                }

                @Override
                public void infoChanged(SparkAppHandle h) {}
              });
      done.await();
      if (handle.getState() != SparkAppHandle.State.FINISHED) {
        throw new IllegalStateException(
            "the YARN application "
                + handle.getAppId()
                + " ended "
                + handle.getState()
                + "; its driver's log is in the NodeManager's log directory of that application"
                + handle.getError().map(e -> ": " + e).orElse(""));
      }
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot submit " + app + " to YARN", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + app, e);
    }
  }

  private static java.nio.file.Path propertiesFile(java.util.Map<String, String> conf) {
    try {
      java.nio.file.Path file = java.nio.file.Files.createTempFile("stocklambda-spark-", ".conf");
      file.toFile().deleteOnExit();
      java.util.Properties properties = new java.util.Properties();
      properties.putAll(conf);
      try (java.io.Writer out =
          java.nio.file.Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
        properties.store(out, "stocklambda batch layer on YARN");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Spark configuration", e);
    }
  }

  private static String jarOf(Class<?> type) {
    try {
      return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the code of " + type.getName(), e);
    }
  }
}
