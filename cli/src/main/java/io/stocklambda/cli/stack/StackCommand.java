package io.stocklambda.cli.stack;

import com.github.rvesse.airline.annotations.Option;
import io.stocklambda.cli.CliCommand;
import io.stocklambda.embedded.stack.EmbeddedStack;
import io.stocklambda.embedded.stack.StackException;
import java.nio.file.Paths;

/** What every {@code stack} command shares: the stack's directory. */
abstract class StackCommand extends CliCommand {

  /** The stack's directory when none is given. */
  static final String DEFAULT_DIR = "stocklambda-data/stack";

  @Option(
      name = "--dir",
      title = "dir",
      description =
          "The stack's directory: engine data, logs and stack.json (default stocklambda-data/stack)")
  String dir = DEFAULT_DIR;

  EmbeddedStack stack() {
    return new EmbeddedStack(Paths.get(dir), line -> out().println(line));
  }

  @Override
  protected final int execute() {
    try {
      return run(stack());
    } catch (StackException e) {
      out().flush();
      System.err.println("stocklambda: " + e.getMessage());
      return 1;
    }
  }

  protected abstract int run(EmbeddedStack stack);
}
