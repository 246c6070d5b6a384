package io.stocklambda.embedded.oozie;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The Oozie server's configuration, written into {@code <dir>/conf} as an administrator writes
 * {@code oozie-site.xml}: the server's URL and port, Derby under {@code <dir>/data} (schema created
 * on the first start), the cluster's Hadoop configuration (the embedded YARN's), and the sharelib
 * in HDFS. Oozie reads its directories from system properties, set here.
 */
final class OozieSite {

  private final String shareLibRoot;

  private OozieSite(String shareLibRoot) {
    this.shareLibRoot = shareLibRoot;
  }

  /** The sharelib's root in HDFS ({@code oozie.service.WorkflowAppService.system.libpath}). */
  String shareLibRoot() {
    return shareLibRoot;
  }

  static OozieSite write(OozieEngine.Config config) throws IOException {
    Path conf = Files.createDirectories(config.dir().resolve("conf"));
    // per-action Hadoop settings, defaults of every action: the launcher logs through the
    // containers' logback configuration, which the embedded YARN writes beside its site files
    // (without it, logback's default prints every library's DEBUG lines into the launcher's stdout)
    Path actionConf = Files.createDirectories(conf.resolve("action-conf"));
    Configuration defaults = new Configuration(false);
    defaults.set(
        "oozie.launcher.javaopts",
        "-Dlogback.configurationFile=" + config.hadoopConfDir().resolve("container-logback.xml"),
        "stocklambda embedded Oozie");
    try (OutputStream out = Files.newOutputStream(actionConf.resolve("default.xml"))) {
      defaults.writeXml(out);
    }
    Path data = Files.createDirectories(config.dir().resolve("data"));
    Path logs = Files.createDirectories(config.dir().resolve("logs"));
    String user = System.getProperty("user.name");
    String shareLib = config.hdfs() + "/user/" + user + "/share/lib";
    Map<String, String> site = new LinkedHashMap<>();
    site.put("oozie.base.url", config.url());
    site.put("oozie.http.hostname", "127.0.0.1");
    site.put("oozie.http.port", Integer.toString(config.port()));
    site.put("oozie.service.JPAService.create.db.schema", "true");
    site.put("oozie.service.JPAService.jdbc.driver", "org.apache.derby.jdbc.EmbeddedDriver");
    site.put(
        "oozie.service.JPAService.jdbc.url",
        "jdbc:derby:" + data.resolve("oozie-db") + ";create=true");
    site.put("oozie.service.JPAService.jdbc.username", "sa");
    site.put("oozie.service.JPAService.jdbc.password", "");
    site.put(
        "oozie.service.HadoopAccessorService.hadoop.configurations", "*=" + config.hadoopConfDir());
    site.put("oozie.service.WorkflowAppService.system.libpath", shareLib);
    // a coordinator action notices its input (a day's _SUCCESS) within 10 s, not Oozie's 60
    site.put("oozie.service.coord.input.check.requeue.interval", "10000");
    // a launcher only starts our command's JVMs, which are its children, not its heap: 1 GB (not
    // Oozie's 2) leaves room in the NodeManager's 6 GB for a cluster-mode Spark driver and its two
    // executors, so a run neither waits for an executor that cannot fit nor runs on one core
    site.put("oozie.launcher.default.memory.mb", "1024");
    site.put("oozie.service.ProxyUserService.proxyuser." + user + ".hosts", "*");
    site.put("oozie.service.ProxyUserService.proxyuser." + user + ".groups", "*");
    Configuration xml = new Configuration(false);
    site.forEach((k, v) -> xml.set(k, v, "stocklambda embedded Oozie"));
    try (OutputStream out = Files.newOutputStream(conf.resolve("oozie-site.xml"))) {
      xml.writeXml(out);
    }
    Files.writeString(conf.resolve("oozie-log4j.properties"), log4j());
    System.setProperty("oozie.home.dir", config.dir().toString());
    System.setProperty("oozie.config.dir", conf.toString());
    System.setProperty("oozie.data.dir", data.toString());
    System.setProperty("oozie.log.dir", logs.toString());
    System.setProperty("oozie.instance.id", "127.0.0.1");
    return new OozieSite(shareLib);
  }

  /**
   * Oozie's own log layout in {@code <dir>/logs/oozie.log} (its log API, {@code oozie job -log},
   * reads that file), and warnings on the console.
   */
  private static String log4j() {
    return String.join(
        "\n",
        "log4j.rootLogger=WARN, console",
        "log4j.appender.console=org.apache.log4j.ConsoleAppender",
        "log4j.appender.console.Threshold=WARN",
        "log4j.appender.console.layout=org.apache.log4j.PatternLayout",
        "log4j.appender.console.layout.ConversionPattern=%d{HH:mm:ss.SSS} %-5p %c{1} - %m%n",
        "log4j.appender.oozie=org.apache.log4j.DailyRollingFileAppender",
        "log4j.appender.oozie.File=${oozie.log.dir}/oozie.log",
        "log4j.appender.oozie.DatePattern='.'yyyy-MM-dd-HH",
        "log4j.appender.oozie.Append=true",
        "log4j.appender.oozie.layout=org.apache.log4j.PatternLayout",
        "log4j.appender.oozie.layout.ConversionPattern="
            + "%d{ISO8601} %5p %c{1}:%L - SERVER[${oozie.instance.id}] %m%n",
        "log4j.logger.org.apache.oozie=INFO, oozie, console",
        "log4j.additivity.org.apache.oozie=false",
        "");
  }
}
