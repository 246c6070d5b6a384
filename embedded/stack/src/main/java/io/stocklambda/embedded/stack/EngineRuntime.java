package io.stocklambda.embedded.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the engines' code is: in a distribution ({@code -Dstocklambda.home}), {@code lib/<engine>/}
 * and {@code elasticsearch/}; in the build and its tests, the classpath each engine module recorded
 * in its jar, and the Elasticsearch the stack module unpacked.
 */
final class EngineRuntime {

  private static final String RESOURCES = "META-INF/stocklambda/engine/";

  private EngineRuntime() {}

  static String java() {
    return io.stocklambda.core.progress.ChildProcesses.javaBinary();
  }

  static String javaHome() {
    return System.getProperty("java.home");
  }

  static String classpath(Engine engine) {
    Path lib = home().map(h -> h.resolve("lib").resolve(engine.libDir())).orElse(null);
    if (lib != null && Files.isDirectory(lib)) {
      return lib + "/*";
    }
    URL listing = resource(engine.artifactId() + ".classpath");
    return container(listing) + java.io.File.pathSeparator + read(listing).trim();
  }

  static Path elasticsearchHome() {
    Path bundled = home().map(h -> h.resolve("elasticsearch")).orElse(null);
    if (bundled != null && Files.isDirectory(bundled)) {
      return bundled;
    }
    return Paths.get(read(resource("elasticsearch.home")).trim());
  }

  /** The distribution's logging configuration, when running from one. */
  static java.util.Optional<Path> logbackConfig() {
    return home().map(h -> h.resolve("conf").resolve("logback.xml")).filter(Files::isRegularFile);
  }

  private static java.util.Optional<Path> home() {
    return java.util.Optional.ofNullable(System.getProperty("stocklambda.home")).map(Paths::get);
  }

  private static URL resource(String name) {
    URL url = EngineRuntime.class.getClassLoader().getResource(RESOURCES + name);
    if (url == null) {
      throw new StackException(
          "cannot find "
              + name
              + ": run from the distribution (bin/stocklambda) or from a build "
              + "of the embedded modules (mvn -B -ntp install -DskipTests)");
    }
    return url;
  }

  /** The jar or classes directory holding a resource: the engine module's own code. */
  private static String container(URL resource) {
    try {
      if ("jar".equals(resource.getProtocol())) {
        return Paths.get(((JarURLConnection) resource.openConnection()).getJarFileURL().toURI())
            .toString();
      }
      Path file = Paths.get(resource.toURI());
      int depth = RESOURCES.split("/").length + 1;
      Path root = file;
      for (int i = 0; i < depth; i++) {
        root = root.getParent();
      }
      return root.toString();
    } catch (IOException | URISyntaxException e) {
      throw new StackException("cannot locate " + resource, e);
    }
  }

  private static String read(URL url) {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + url, e);
    }
  }
}
