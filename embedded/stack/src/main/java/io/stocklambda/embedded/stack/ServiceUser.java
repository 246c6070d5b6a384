package io.stocklambda.embedded.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Elasticsearch refuses to run as root. Run as root, the stack runs it as an unprivileged user
 * ({@code stocklambda}, or {@code STOCKLAMBDA_SERVICE_USER}), creating it if needed and handing it
 * its data directory; as anyone else, it runs as the caller.
 */
final class ServiceUser {

  static final String DEFAULT = "stocklambda";

  /**
   * The operating-system account to run Elasticsearch as; not {@code STOCKLAMBDA_ES_USER}, which is
   * the Elasticsearch login the serving layer sends to a secured cluster.
   */
  static final String ENV = "STOCKLAMBDA_SERVICE_USER";

  private final String name;
  private final boolean root;

  private ServiceUser(String name, boolean root) {
    this.name = name;
    this.root = root;
  }

  static ServiceUser forElasticsearch() {
    String configured = System.getenv(ENV);
    return new ServiceUser(
        configured == null || configured.isBlank() ? DEFAULT : configured,
        "root".equals(System.getProperty("user.name")));
  }

  boolean switches() {
    return root;
  }

  String name() {
    return name;
  }

  /** The command, run as the service user when we are root. */
  List<String> wrap(List<String> command) {
    if (!root) {
      return command;
    }
    List<String> out =
        new ArrayList<>(
            List.of("setpriv", "--reuid=" + name, "--regid=" + name, "--init-groups", "--"));
    out.addAll(command);
    return out;
  }

  /**
   * Makes sure the user exists and owns {@code dir}, and that it can read {@code readable} and
   * write {@code dir}.
   *
   * @throws StackException saying what to do when that cannot be arranged
   */
  void prepare(Path dir, Path readable) {
    if (!root) {
      return;
    }
    if (run(List.of("id", "-u", name)) != 0) {
      int created =
          run(
              List.of(
                  "useradd",
                  "--system",
                  "--no-create-home",
                  "--user-group",
                  "--shell",
                  "/usr/sbin/nologin",
                  name));
      if (created != 0) {
        throw new StackException(
            "Elasticsearch refuses to run as root, and the user '"
                + name
                + "' to run it as "
                + "could not be created (useradd exited "
                + created
                + "); create it, set "
                + ENV
                + " to an "
                + "existing unprivileged user, or run the stack as a normal user");
      }
    }
    if (run(List.of("chown", "-R", name + ":" + name, dir.toString())) != 0) {
      throw new StackException("cannot hand " + dir + " to user '" + name + "' (chown failed)");
    }
    if (run(
            wrap(
                List.of(
                    "test", "-r", readable.resolve("lib").toString(), "-a", "-w", dir.toString())))
        != 0) {
      throw new StackException(
          "user '"
              + name
              + "' cannot read "
              + readable
              + " or write "
              + dir
              + ": a parent directory is not open to other users (chmod o+x it, or use a --dir under a directory they can reach)");
    }
  }

  private static int run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return -1;
      }
      return process.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
