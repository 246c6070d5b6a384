package io.stocklambda.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The build this code comes from, for a model's lineage: the project version and the git commit,
 * from the {@code git.properties} the build writes into core's jar (git-commit-id-maven-plugin).
 */
public final class BuildInfo {

  static final String RESOURCE = "/io/stocklambda/core/git.properties";

  private BuildInfo() {}

  /**
   * {@code 0.1.0-SNAPSHOT (git 1a2b3c4)}, with {@code , modified} when the working tree had
   * uncommitted changes; {@code unknown} parts where the build had no git repository.
   */
  public static String codeVersion() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // an unreadable resource is the same as none: the version is unknown
    }
    String version = p.getProperty("git.build.version", "unknown");
    String commit = p.getProperty("git.commit.id.abbrev", "");
    boolean dirty = Boolean.parseBoolean(p.getProperty("git.dirty", "false"));
    return version
        + " (git "
        + (commit.isEmpty() ? "unknown" : commit)
        + (dirty ? ", modified" : "")
        + ")";
  }
}
