package io.stocklambda.cli.launch;

import io.stocklambda.commands.Component;
import io.stocklambda.commands.ComponentOptions;
import io.stocklambda.core.progress.ChildProcesses;
import io.stocklambda.core.progress.ProcessLifecycle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Starts a component as a child JVM with its own classpath, as the distribution lays it out: {@code
 * <home>/lib/<component>/*}, logging configured from {@code <home>/conf}. The same java binary that
 * runs the CLI runs the child, and the child is told this process's pid, so that it stops when this
 * launcher dies, even by SIGKILL.
 */
public final class ComponentLauncher {

  /** How long a stopped child gets to shut down cleanly before it is killed. */
  static final Duration GRACE = Duration.ofSeconds(30);

  private final Path home;
  private final Map<String, String> environment;

  public ComponentLauncher(Path home, Map<String, String> environment) {
    this.home = home;
    this.environment = environment;
  }

  /**
   * The launcher of the distribution this CLI runs from ({@code -Dstocklambda.home}, set by {@code
   * bin/stocklambda}).
   *
   * @throws IllegalStateException when the CLI does not run from a distribution
   */
  public static ComponentLauncher fromDistribution() {
    String home = System.getProperty("stocklambda.home");
    if (home == null || !Files.isDirectory(Paths.get(home, "lib"))) {
      throw new IllegalStateException(
          "component commands run from the distribution: build it with "
              + "'mvn -B -ntp package -DskipTests' and use dist/target/stocklambda/bin/stocklambda");
    }
    return new ComponentLauncher(Paths.get(home), System.getenv());
  }

  /** The full command line of a component run. */
  public List<String> commandLine(Component component, List<String> args) {
    return commandLine(component, args, Map.of());
  }

  /** The full command line of a typed command, with extra system properties for its JVM. */
  public List<String> commandLine(ComponentOptions command, Map<String, String> systemProperties) {
    return commandLine(command.component(), command.toArgs(), systemProperties);
  }

  private List<String> commandLine(
      Component component, List<String> args, Map<String, String> systemProperties) {
    Path lib = home.resolve("lib").resolve(component.dir());
    if (!Files.isDirectory(lib)) {
      throw new IllegalStateException(
          "component " + component.dir() + " is missing from the distribution: " + lib);
    }
    List<String> command = new ArrayList<>();
    command.add(ChildProcesses.javaBinary());
    String override = environment.get(component.optionsVariable());
    if (override != null && !override.isBlank()) {
      command.addAll(Arrays.asList(override.trim().split("\\s+")));
    } else {
      command.addAll(component.defaultJvmOptions());
    }
    command.add("-Dstocklambda.home=" + home);
    // the child stops when this launcher is gone, however it went (core's ProcessLifecycle)
    command.add("-D" + ProcessLifecycle.PARENT_PID + "=" + ProcessHandle.current().pid());
    Path logback = home.resolve("conf").resolve("logback.xml");
    if (Files.isRegularFile(logback)) {
      command.add("-Dlogback.configurationFile=" + logback);
    }
    systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-cp");
    command.add(lib + "/*");
    command.add(component.mainClass());
    command.addAll(args);
    return command;
  }

  /**
   * Runs a component in the foreground with this process's stdin, stdout and stderr, and returns
   * its exit code. If this process is asked to stop (Ctrl-C, SIGTERM), the child is stopped too,
   * cleanly first.
   */
  public int runForeground(Component component, List<String> args) throws InterruptedException {
    return runCommandLine(component, commandLine(component, args));
  }

  /** Runs a typed command in the foreground, as {@link #runForeground(Component, List)}. */
  public int runForeground(ComponentOptions command, Map<String, String> systemProperties)
      throws InterruptedException {
    return runCommandLine(command.component(), commandLine(command, systemProperties));
  }

  /**
   * Starts a typed command in the background, as {@link #startBackground(Component, List, Path)}.
   */
  public Process startBackground(ComponentOptions command, Path log) {
    return startBackground(command.component(), command.toArgs(), log);
  }

  private int runCommandLine(Component component, List<String> commandLine)
      throws InterruptedException {
    return ChildProcesses.foreground(commandLine, GRACE);
  }

  /**
   * Starts a component in the background, in a session of its own (so that Ctrl-C reaches only the
   * process that started it, which stops its children in order), its output appended to {@code
   * log}.
   */
  public Process startBackground(Component component, List<String> args, Path log) {
    return ChildProcesses.background(commandLine(component, args), log);
  }

  /** Stops a child cleanly (SIGTERM), killing it after a grace period. */
  public static void stop(Process child) {
    ChildProcesses.stop(child.toHandle(), GRACE);
  }
}
