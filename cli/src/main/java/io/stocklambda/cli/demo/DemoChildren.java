package io.stocklambda.cli.demo;

import io.stocklambda.cli.launch.ComponentLauncher;
import io.stocklambda.commands.ComponentOptions;
import io.stocklambda.core.progress.GracefulStop;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The demo's background processes (serving, archiver, speed layer, replay): started in their own
 * sessions with a log each, watched, and stopped newest first.
 */
final class DemoChildren {

  private final Deque<Child> children = new ArrayDeque<>();
  private final PrintStream out;

  DemoChildren(PrintStream out) {
    this.out = out;
  }

  boolean isEmpty() {
    return children.isEmpty();
  }

  /** Starts a typed command in the background, its output in {@code <logs>/<name>.log}. */
  Child start(ComponentLauncher launcher, ComponentOptions command, String name, Path logs) {
    Path log = logs.resolve(name + ".log");
    Process process = launcher.startBackground(command, log);
    Child child = new Child(name, process, log);
    children.push(child);
    out.printf("  %-8s started (pid %d), log %s%n", name, process.pid(), log);
    return child;
  }

  /**
   * Waits up to three minutes for the serving layer to say it is up.
   *
   * @return false if a child died, the wait ran out or a stop was asked for (said why, but for the
   *     stop)
   */
  boolean awaitServing(LiveFigures figures, GracefulStop stop) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline && !stop.requested()) {
      for (Child child : children) {
        if (!child.process.isAlive()) {
          out.printf(
              "stocklambda demo: %s exited with %d; the end of its log:%n%s%n",
              child.name, child.process.exitValue(), child.tail());
          return false;
        }
      }
      if (figures.servingUp()) {
        return true;
      }
      Thread.sleep(500);
    }
    if (!stop.requested()) {
      out.println(
          "stocklambda demo: the serving layer did not answer /api/health within 3 minutes; see "
              + children.peekLast().log);
    }
    return false;
  }

  /**
   * Says, once each, which children other than {@code except} have exited, with the end of their
   * logs.
   */
  void reportExits(Child except) {
    for (Child child : children) {
      if (child != except && !child.process.isAlive() && !child.reported) {
        child.reported = true;
        out.printf(
            "  %s exited with %d; the end of its log:%n%s%n",
            child.name, child.process.exitValue(), child.tail());
      }
    }
  }

  /** Stops every child, newest first. */
  void stopAll() {
    if (!children.isEmpty()) {
      out.println();
      out.println("stopping " + String.join(", ", children.stream().map(c -> c.name).toList()));
    }
    while (!children.isEmpty()) {
      ComponentLauncher.stop(children.pop().process);
    }
  }

  /** A background process of the demo. */
  static final class Child {
    final String name;
    final Process process;
    final Path log;
    boolean reported;

    Child(String name, Process process, Path log) {
      this.name = name;
      this.process = process;
      this.log = log;
    }

    String tail() {
      try {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
      } catch (IOException e) {
        return "(cannot read " + log + ")";
      }
    }
  }
}
