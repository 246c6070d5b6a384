package io.stocklambda.cli.stack;

import com.github.rvesse.airline.annotations.Command;
import io.stocklambda.embedded.stack.EmbeddedStack;

/** {@code stocklambda stack down}. */
@Command(
    name = "down",
    description = "Stop the stack's engines cleanly, in reverse start order; their data stays")
public final class StackDownCommand extends StackCommand {

  @Override
  protected int run(EmbeddedStack stack) {
    stack.down();
    return 0;
  }
}
