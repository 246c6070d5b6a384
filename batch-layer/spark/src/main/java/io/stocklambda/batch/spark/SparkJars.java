package io.stocklambda.batch.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The jars a YARN application of this component runs with ({@code spark.yarn.jars}): this JVM's own
 * classpath (Spark, the batch layer, the core), uploaded once into the cluster's file system under
 * {@code <root>/lib/batch-spark/<fingerprint>/} and reused by every later run of the same build, so
 * that the NodeManagers cache them as public resources instead of receiving 375 MB per run (Spark's
 * "spark.yarn.archive or spark.yarn.jars" advice for production).
 */
final class SparkJars {

  static final String LIB = "lib/batch-spark";

  private SparkJars() {}

  /**
   * The {@code spark.yarn.jars} value: the uploaded directory's jars.
   *
   * @param fileSystem the cluster's file system URI ({@code hdfs://host:port})
   * @param root the dataset root ({@code /stocklambda})
   * @throws IllegalStateException if the classpath holds a class directory (a run from the build:
   *     use the distribution)
   * @throws UncheckedIOException if the upload fails
   */
  static String onCluster(String fileSystem, String root, Configuration conf) {
    List<Path> jars = classpathJars();
    String dir = SparkSessions.qualify(fileSystem, root + "/" + LIB + "/" + fingerprint(jars));
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(dir);
    try (FileSystem fs = FileSystem.newInstance(target.toUri(), conf)) {
      org.apache.hadoop.fs.Path done = new org.apache.hadoop.fs.Path(target, "_SUCCESS");
      if (!fs.exists(done)) {
        System.out.printf(
            "uploading %d jars of this component to %s (once per build)%n", jars.size(), dir);
        fs.mkdirs(target);
        for (Path jar : jars) {
          fs.copyFromLocalFile(
              false,
              true,
              new org.apache.hadoop.fs.Path(jar.toUri()),
              new org.apache.hadoop.fs.Path(target, jar.getFileName().toString()));
        }
        fs.create(done, true).close();
        deleteStale(fs, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot upload the Spark jars to " + dir, e);
    }
    return dir + "/*.jar";
  }

  /**
   * Deletes the uploads of other builds untouched for a day (a run still using one has long since
   * localized its jars), so that rebuilding does not pile up 375 MB per build.
   */
  private static void deleteStale(FileSystem fs, org.apache.hadoop.fs.Path current)
      throws IOException {
    long dayAgo = System.currentTimeMillis() - java.time.Duration.ofDays(1).toMillis();
    for (org.apache.hadoop.fs.FileStatus other : fs.listStatus(current.getParent())) {
      if (!other.getPath().getName().equals(current.getName())
          && other.getModificationTime() < dayAgo) {
        fs.delete(other.getPath(), true);
      }
    }
  }

  private static List<Path> classpathJars() {
    List<Path> entries =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(e -> !e.isBlank())
            .map(Paths::get)
            .toList();
    for (Path entry : entries) {
      if (Files.isDirectory(entry)) {
        throw new IllegalStateException(
            "--master yarn ships this component's jars, but "
                + entry
                + " is a class directory: run it from the distribution (bin/stocklambda)");
      }
    }
    return entries.stream().filter(p -> p.toString().endsWith(".jar")).toList();
  }

  /** SHA-256 of the jars' names, sizes and modification times: a new build, a new directory. */
  private static String fingerprint(List<Path> jars) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path jar : jars.stream().sorted().toList()) {
        String line =
            jar.getFileName() + " " + Files.size(jar) + " " + Files.getLastModifiedTime(jar) + "\n";
        digest.update(line.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the classpath's jars", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
