package io.stocklambda.batch.mapreduce;

import io.stocklambda.core.tick.Tick;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.hadoop.mapreduce.Job;

/**
 * The code a cluster needs to run the training-set job: the job jar (this module) and the core's
 * jar through the distributed cache ({@code tmpjars}, what {@code -libjars} sets). Hadoop itself is
 * the cluster's. Run from a build, classes come from a directory: it is packed into a jar first.
 */
final class JobJars {

  /** Classes whose jars the tasks load: the job's own, and the core's parsing and windowing. */
  private static final List<Class<?>> SHIPPED = List.of(TrainingSetJob.class, Tick.class);

  private JobJars() {}

  /**
   * Sets the job jar and the jars to ship.
   *
   * @param scratch a local directory for jars packed from class directories
   * @throws UncheckedIOException if a class directory cannot be packed
   */
  static void ship(Job job, Path scratch) {
    List<String> libs = new ArrayList<>();
    for (Class<?> type : SHIPPED) {
      Path jar = jarOf(type, scratch);
      if (type == TrainingSetJob.class) {
        job.setJar(jar.toString());
      } else {
        libs.add(jar.toUri().toString());
      }
    }
    String existing = job.getConfiguration().get("tmpjars");
    if (existing != null && !existing.isBlank()) {
      libs.add(0, existing);
    }
    job.getConfiguration().set("tmpjars", String.join(",", libs));
  }

  private static Path jarOf(Class<?> type, Path scratch) {
    try {
      Path source = Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isDirectory(source) ? pack(source, scratch, type.getSimpleName()) : source;
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the code of " + type.getName(), e);
    }
  }

  private static Path pack(Path classes, Path scratch, String name) {
    try {
      Files.createDirectories(scratch);
      Path jar = scratch.resolve(name.toLowerCase(java.util.Locale.ROOT) + "-classes.jar");
      try (OutputStream file = Files.newOutputStream(jar);
          JarOutputStream out = new JarOutputStream(file);
          Stream<Path> files = Files.walk(classes)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
          out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
          Files.copy(f, out);
          out.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack " + classes + " into a jar", e);
    }
  }
}
