package io.stocklambda.cli;

import com.github.rvesse.airline.HelpOption;
import com.github.rvesse.airline.annotations.AirlineModule;
import java.io.PrintStream;

/**
 * Base of the built-in commands: {@code --help} on any of them prints its own usage, and {@link
 * #execute()} returns the process exit code.
 */
public abstract class CliCommand implements Runnable {

  @AirlineModule private HelpOption<CliCommand> help;

  private int exitCode;
  private PrintStream out = System.out;

  @Override
  public final void run() {
    if (help != null && help.showHelpIfRequested()) {
      exitCode = 0;
      return;
    }
    exitCode = execute();
  }

  /** Does the work; returns the exit code (0 for success). */
  protected abstract int execute();

  public int exitCode() {
    return exitCode;
  }

  protected PrintStream out() {
    return out;
  }

  /** Where user-facing output goes; tests capture it. */
  public void setOut(PrintStream out) {
    this.out = out;
  }
}
