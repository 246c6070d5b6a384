package io.stocklambda.cli.oozie;

import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.annotations.Option;
import io.stocklambda.cli.CliCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code stocklambda oozie package}: the deployable Oozie application directory, from the
 * distribution: {@code workflow.xml}, {@code coordinator.xml}, a {@code job.properties} template,
 * {@code lib/} (the jars every action shares: the MapReduce, Spark and ingest code and their
 * libraries, without what the cluster provides: Hadoop, logging bindings, and Spark with every
 * library it brings, which the Spark sharelib supplies) and {@code serving/} (the serving layer's
 * own classpath, shipped to its action only, because HBase's and Elasticsearch's clients must not
 * meet Spark's libraries).
 */
@Command(
    name = "package",
    description =
        "Build the deployable Oozie application: workflow, coordinator, lib/ jars, job.properties template")
public final class OoziePackageCommand extends CliCommand {

  /** Components whose jars go to lib/, shared by every action. */
  static final List<String> SHARED = List.of("batch-mapreduce", "batch-spark", "ingest");

  /** Jars the cluster provides (by the group prefix the distribution names them with). */
  static final List<String> PROVIDED =
      List.of(
          "org.apache.hadoop.",
          "org.apache.spark.",
          "org.scala-lang.",
          "ch.qos.logback.",
          "ch.qos.reload4j.",
          "org.slf4j.slf4j-reload4j",
          "org.apache.logging.log4j.log4j-slf4j",
          "org.apache.logging.log4j.log4j-core");

  static final String SERVING_FILES = "<!--@SERVING_FILES@-->";

  @Option(
      name = "--out",
      title = "out",
      description = "Directory to write the application to (default stocklambda-oozie)")
  String out = "stocklambda-oozie";

  @Option(name = "--force", description = "Replace the directory if it exists")
  boolean force;

  @Override
  protected int execute() {
    String home = System.getProperty("stocklambda.home");
    if (home == null) {
      throw new IllegalStateException(
          "'oozie package' runs from the distribution (bin/stocklambda), which holds the jars it packages");
    }
    Path dist = Paths.get(home);
    Path target = Paths.get(out).toAbsolutePath();
    try {
      prepare(target);
      int shared = copyJars(dist, SHARED, target.resolve("lib"));
      int serving = copyJars(dist, List.of("serving"), target.resolve("serving"));
      List<String> servingJars = names(target.resolve("serving"));
      StringBuilder files = new StringBuilder();
      for (String jar : servingJars) {
        files
            .append("<file>${wf:appPath()}/serving/")
            .append(jar)
            .append('#')
            .append(jar)
            .append("</file>\n      ");
      }
      String workflow =
          Files.readString(dist.resolve("oozie/workflow.xml"), StandardCharsets.UTF_8);
      if (!workflow.contains(SERVING_FILES)) {
        throw new IllegalStateException("the workflow template lacks " + SERVING_FILES);
      }
      Files.writeString(
          target.resolve("workflow.xml"),
          workflow.replace(SERVING_FILES, files.toString().trim()),
          StandardCharsets.UTF_8);
      Files.copy(dist.resolve("oozie/coordinator.xml"), target.resolve("coordinator.xml"));
      Files.copy(dist.resolve("oozie/job.properties"), target.resolve("job.properties.template"));
      out().printf("Oozie application in %s:%n", target);
      out()
          .printf(
              "  workflow.xml             windows -> train -> check -> publish (if promoted) -> view -> swap%n");
      out()
          .printf(
              "  coordinator.xml          daily after the close, once the day's archived ticks are complete%n");
      out()
          .printf(
              "  job.properties.template  the cluster's endpoints: copy to job.properties and fill in%n");
      out()
          .printf(
              "  lib/                     %d jars shared by every action (%s)%n",
              shared, String.join(", ", SHARED));
      out()
          .printf(
              "  serving/                 %d jars of the serving layer, shipped to its action only%n",
              serving);
      out()
          .printf(
              "next: hdfs dfs -put %s /user/$USER/stocklambda-oozie && oozie job -config job.properties -run%n",
              target);
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot package the Oozie application into " + target + ": " + e.getMessage(), e);
    }
  }

  private void prepare(Path target) throws IOException {
    if (Files.exists(target)) {
      if (!force) {
        throw new IllegalArgumentException(target + " exists; add --force to replace it");
      }
      try (Stream<Path> walk = Files.walk(target)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(target);
  }

  /**
   * Copies the components' jars, minus what the cluster provides, our own without their version.
   */
  static int copyJars(Path dist, List<String> components, Path into) throws IOException {
    Files.createDirectories(into);
    TreeMap<String, Path> jars = new TreeMap<>();
    for (String component : components) {
      Path lib = dist.resolve("lib").resolve(component);
      if (!Files.isDirectory(lib)) {
        throw new IllegalStateException(
            "component " + component + " is missing from the distribution: " + lib);
      }
      try (Stream<Path> files = Files.list(lib)) {
        for (Path jar : files.filter(f -> f.getFileName().toString().endsWith(".jar")).toList()) {
          String name = jar.getFileName().toString();
          // from the Spark jobs only our own code: Spark's libraries come with the cluster's Spark
          // sharelib
          boolean wanted =
              component.equals("batch-spark")
                  ? name.startsWith("io.stocklambda.")
                  : PROVIDED.stream().noneMatch(name::startsWith);
          if (wanted) {
            jars.putIfAbsent(ownName(name), jar);
          }
        }
      }
    }
    for (var e : jars.entrySet()) {
      Files.copy(e.getValue(), into.resolve(e.getKey()), StandardCopyOption.REPLACE_EXISTING);
    }
    return jars.size();
  }

  /**
   * {@code io.stocklambda.stocklambda-core-0.1.0.jar} becomes {@code
   * io.stocklambda.stocklambda-core.jar}, for the workflow to name.
   */
  static String ownName(String jar) {
    if (!jar.startsWith("io.stocklambda.")) {
      return jar;
    }
    return jar.replaceFirst("-\\d[^-]*(-SNAPSHOT)?\\.jar$", ".jar");
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return new ArrayList<>(files.map(f -> f.getFileName().toString()).sorted().toList());
    }
  }
}
