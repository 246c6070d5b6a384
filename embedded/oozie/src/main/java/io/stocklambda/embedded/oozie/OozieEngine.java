package io.stocklambda.embedded.oozie;

import com.google.inject.Guice;
import io.stocklambda.embedded.runtime.EngineArgs;
import io.stocklambda.embedded.runtime.EngineProcess;
import io.stocklambda.embedded.runtime.ReadyFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.server.EmbeddedOozieServer;
import org.apache.oozie.server.guice.OozieGuiceModule;

/**
 * A real Oozie server: Oozie 5.2.1's own embedded Jetty server and its Derby database, against the
 * embedded HDFS and YARN, with its sharelib (the launcher's application master) installed into HDFS
 * on the first start. Healthy when Oozie's admin API reports system mode NORMAL.
 */
public final class OozieEngine extends EngineProcess<OozieEngine.Config> {

  /**
   * @param dir data directory (configuration, Derby database, logs)
   * @param port HTTP port of the server ({@code oozie.http.port})
   * @param hdfs the embedded HDFS's URI
   * @param hadoopConfDir the embedded YARN's client configuration directory
   */
  record Config(Path dir, int port, String hdfs, Path hadoopConfDir) {
    String url() {
      return "http://127.0.0.1:" + port + "/oozie";
    }
  }

  private EmbeddedOozieServer server;

  public static void main(String[] args) {
    new OozieEngine().run(args);
  }

  @Override
  protected Config configure(EngineArgs args) {
    return new Config(args.path("dir"), args.port("port"), args.string("hdfs"), args.path("yarn"));
  }

  @Override
  protected Path readyFile(Config config) {
    return config.dir().resolve("ready");
  }

  @Override
  protected Duration startTimeout() {
    return Duration.ofMinutes(5);
  }

  @Override
  protected void start(Config config) throws Exception {
    awaitYarn(config.hadoopConfDir(), Duration.ofMinutes(4));
    OozieSite site = OozieSite.write(config);
    ShareLib.installIfMissing(config.hdfs(), site.shareLibRoot());
    server = Guice.createInjector(new OozieGuiceModule()).getInstance(EmbeddedOozieServer.class);
    server.setup();
    server.start();
  }

  /**
   * YARN starts beside this engine: wait for its ready file (the stack deletes it before starting
   * YARN), after which its client configuration is this run's and HDFS is up (YARN waits for it).
   */
  private static void awaitYarn(Path confDir, Duration timeout) throws InterruptedException {
    Path ready = confDir.getParent().resolve("ready");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ReadyFile.read(ready).isEmpty()
        || !Files.isRegularFile(confDir.resolve("yarn-site.xml"))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("YARN was not ready after " + timeout.toSeconds() + " s");
      }
      Thread.sleep(500);
    }
  }

  @Override
  protected String check(Config config) throws Exception {
    OozieClient client = new OozieClient(config.url());
    client.setRetryCount(1); // 0 makes the client fail without trying (Oozie 5.2.1)
    OozieClient.SYSTEM_MODE mode = client.getSystemMode();
    if (mode != OozieClient.SYSTEM_MODE.NORMAL) {
      throw new IllegalStateException("oozie " + config.url() + " in system mode " + mode);
    }
    java.util.regex.Matcher build =
        java.util.regex.Pattern.compile("\"build.version\":\"([^\"]+)\"")
            .matcher(client.getServerBuildVersion());
    return String.format(
        "oozie %s: Oozie %s, system mode %s, sharelib %s",
        config.url(),
        build.find() ? build.group(1) : "?",
        mode,
        client.listShareLib(null).contains("oozie") ? "installed" : "MISSING");
  }

  @Override
  protected void stop() throws Exception {
    if (server != null) {
      server.shutdown();
    }
  }
}
