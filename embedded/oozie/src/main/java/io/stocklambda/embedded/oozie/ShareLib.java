package io.stocklambda.embedded.oozie;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Oozie's sharelib in HDFS, what {@code oozie-setup.sh sharelib create} installs: {@code
 * <root>/lib_<yyyyMMddHHmmss>/oozie/} with the launcher's application master (Oozie 5 runs every
 * action from it in a YARN container). Only the {@code oozie} library: this product's actions are
 * Java and shell actions that start its own component JVMs, so no Pig, Hive or Spark library.
 */
final class ShareLib {

  /**
   * Classes whose jars the launcher needs: Oozie's launcher, and the JSON library it writes with.
   */
  private static final List<String> LAUNCHER_CLASSES =
      List.of("org.apache.oozie.action.hadoop.LauncherAM", "org.json.simple.JSONObject");

  private ShareLib() {}

  static void installIfMissing(String hdfs, String root) throws IOException {
    Configuration conf = new Configuration();
    try (FileSystem fs = FileSystem.newInstance(URI.create(hdfs), conf)) {
      org.apache.hadoop.fs.Path base = new org.apache.hadoop.fs.Path(root);
      if (fs.exists(base)) {
        for (FileStatus lib : fs.listStatus(base)) {
          if (lib.getPath().getName().startsWith("lib_")) {
            return;
          }
        }
      }
      String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
      org.apache.hadoop.fs.Path oozie =
          new org.apache.hadoop.fs.Path(base, "lib_" + stamp + "/oozie");
      fs.mkdirs(oozie);
      for (String type : LAUNCHER_CLASSES) {
        Path jar = jarOf(type);
        fs.copyFromLocalFile(
            new org.apache.hadoop.fs.Path(jar.toUri()),
            new org.apache.hadoop.fs.Path(oozie, jar.getFileName().toString()));
      }
    }
  }

  private static Path jarOf(String type) {
    try {
      Class<?> loaded = Class.forName(type, false, ShareLib.class.getClassLoader());
      return Paths.get(loaded.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (ClassNotFoundException | URISyntaxException e) {
      throw new IllegalStateException("cannot find the jar of " + type, e);
    }
  }
}
