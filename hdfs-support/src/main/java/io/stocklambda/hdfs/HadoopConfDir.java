package io.stocklambda.hdfs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/**
 * A cluster's Hadoop client configuration directory, the one Hadoop's own launchers read from
 * {@code HADOOP_CONF_DIR}: its {@code core-site.xml}, {@code hdfs-site.xml}, {@code yarn-site.xml}
 * and {@code mapred-site.xml} say where the ResourceManager, the file system and the history server
 * are. The embedded stack's YARN writes one ({@code <stack>/yarn/conf}); on a real cluster it is
 * the cluster's.
 */
public final class HadoopConfDir {

  /** The environment variable Hadoop's and Spark's launchers read. */
  public static final String ENV = "HADOOP_CONF_DIR";

  static final List<String> SITE_FILES =
      List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml", "mapred-site.xml");

  private final Path dir;

  private HadoopConfDir(Path dir) {
    this.dir = dir;
  }

  /**
   * The directory given ({@code --hadoop-conf-dir}), else {@code $HADOOP_CONF_DIR}, else none.
   *
   * @throws IllegalArgumentException if the directory named holds none of the site files
   */
  public static Optional<HadoopConfDir> find(String option) {
    String named = option != null && !option.isBlank() ? option : System.getenv(ENV);
    if (named == null || named.isBlank()) {
      return Optional.empty();
    }
    Path dir = Paths.get(named).toAbsolutePath();
    if (SITE_FILES.stream().noneMatch(f -> Files.isRegularFile(dir.resolve(f)))) {
      throw new IllegalArgumentException(
          "the Hadoop configuration directory " + dir + " holds none of " + SITE_FILES);
    }
    return Optional.of(new HadoopConfDir(dir));
  }

  /**
   * What a YARN run needs, or a message that says where to find it.
   *
   * @throws IllegalArgumentException if neither the option nor {@code HADOOP_CONF_DIR} names one
   */
  public static HadoopConfDir require(String option, String what) {
    return find(option)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    what
                        + " needs the cluster's Hadoop configuration: --hadoop-conf-dir or "
                        + ENV
                        + " (the embedded stack's YARN writes it to <stack dir>/yarn/conf)"));
  }

  public Path dir() {
    return dir;
  }

  /**
   * Adds the site files to {@code conf} as resources; values already {@code set} (for example by
   * {@code -D}) keep precedence, as in Hadoop.
   */
  public Configuration addTo(Configuration conf) {
    for (String file : SITE_FILES) {
      Path site = dir.resolve(file);
      if (Files.isRegularFile(site)) {
        conf.addResource(new org.apache.hadoop.fs.Path(site.toUri()));
      }
    }
    return conf;
  }

  /** Every property the site files set, sorted by name (for {@code spark.hadoop.*}). */
  public Map<String, String> properties() {
    Configuration conf = addTo(new Configuration(false));
    Map<String, String> properties = new TreeMap<>();
    conf.forEach(e -> properties.put(e.getKey(), conf.get(e.getKey())));
    return properties;
  }

  @Override
  public String toString() {
    return dir.toString();
  }
}
