package io.stocklambda.commands;

import com.github.rvesse.airline.Cli;
import com.github.rvesse.airline.parser.errors.ParseException;
import io.stocklambda.core.progress.ProcessLifecycle;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code main} every component shares: it installs the process lifecycle (stop with the
 * launcher, bounded shutdown), runs the command and exits with its status, reporting a failure the
 * same way everywhere:
 *
 * <ul>
 *   <li>0: done; a command may return another status of its own (1 for a refused input);
 *   <li>2: a usage error (an unknown option, a bad value), one line saying what is wrong;
 *   <li>1: a failure, one line with the error and its causes; the stack trace only with {@code
 *       --verbose} (anywhere on the command line) or {@code STOCKLAMBDA_VERBOSE=1}.
 * </ul>
 */
public final class ComponentMain {

  /** The option that asks for stack traces; taken off the command line before parsing. */
  public static final String VERBOSE = "--verbose";

  /** A parsed command that returns its exit status. */
  public interface Executable {
    int execute() throws Exception;
  }

  /** A component's body: runs the (verbose-free) arguments and returns the status. */
  @FunctionalInterface
  public interface Body {
    int run(String[] args) throws Exception;
  }

  private ComponentMain() {}

  /**
   * Parses {@code args} with the airline CLI declared on {@code cli}, runs the command and exits.
   */
  public static void main(String component, Class<?> cli, String[] args) {
    main(component, args, a -> execute(cli, a));
  }

  /**
   * Runs {@code body} (for a component with its own runner, such as Hadoop's ToolRunner) and exits.
   */
  public static void main(String component, String[] args, Body body) {
    ProcessLifecycle.install("stocklambda " + component);
    System.exit(status(component, args, body, System.err));
  }

  /** What {@link #main} exits with; for tests. */
  public static int status(String component, String[] args, Body body, PrintStream err) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    boolean verbose = rest.remove(VERBOSE) | "1".equals(System.getenv("STOCKLAMBDA_VERBOSE"));
    try {
      return body.run(rest.toArray(String[]::new));
    } catch (ParseException | IllegalArgumentException e) {
      err.println("stocklambda: " + e.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("stocklambda " + component + ": interrupted");
      return 130;
    } catch (Exception | Error e) {
      err.println("stocklambda " + component + ": " + describe(e));
      if (verbose) {
        e.printStackTrace(err);
      } else {
        err.println("(run with " + VERBOSE + " for the stack trace)");
      }
      return 1;
    }
  }

  /** Parses {@code args} with the airline CLI declared on {@code cli} and runs the command. */
  public static int execute(Class<?> cli, String[] args) throws Exception {
    Object command = new Cli<Object>(cli).parse(args);
    if (command instanceof ComponentOptions options && options.helpShown()) {
      return 0;
    }
    if (command instanceof Executable executable) {
      return executable.execute();
    }
    if (command instanceof Runnable runnable) {
      runnable.run();
      return 0;
    }
    throw new IllegalStateException(
        command.getClass().getName() + " is neither Executable nor Runnable");
  }

  /**
   * An error and its causes on one line: {@code failed to x: cannot reach y: Connection refused}.
   */
  static String describe(Throwable e) {
    StringBuilder line = new StringBuilder(message(e));
    Throwable seen = e;
    for (Throwable cause = e.getCause();
        cause != null && cause != seen;
        seen = cause, cause = cause.getCause()) {
      String m = message(cause);
      if (!line.toString().contains(m)) {
        line.append(": ").append(m);
      }
    }
    return line.toString();
  }

  private static String message(Throwable e) {
    return e.getMessage() == null || e.getMessage().isBlank()
        ? e.getClass().getSimpleName()
        : e.getMessage();
  }
}
