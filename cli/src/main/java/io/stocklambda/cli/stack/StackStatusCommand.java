package io.stocklambda.cli.stack;

import com.github.rvesse.airline.annotations.Command;
import io.stocklambda.embedded.stack.EmbeddedStack;
import io.stocklambda.embedded.stack.EngineStatus;
import java.util.List;

/** {@code stocklambda stack status}. */
@Command(
    name = "status",
    description = "Check each engine of the stack with its own client: process, health, memory")
public final class StackStatusCommand extends StackCommand {

  @Override
  protected int run(EmbeddedStack stack) {
    List<EngineStatus> engines = stack.status();
    if (engines.isEmpty()) {
      out().println("no stack running in " + stack.dir());
      return 1;
    }
    out().printf("%-13s %-9s %8s %8s  %s%n", "ENGINE", "STATE", "PID", "RSS", "DETAIL");
    long total = 0;
    for (EngineStatus s : engines) {
      String state = !s.running() ? "down" : s.healthy() ? "healthy" : "unhealthy";
      String rss =
          s.residentBytes().isPresent() ? (s.residentBytes().getAsLong() >> 20) + " MB" : "-";
      total += s.residentBytes().orElse(0);
      out().printf("%-13s %-9s %8d %8s  %s%n", s.engine().id(), state, s.pid(), rss, s.detail());
    }
    out().printf("%-13s %-9s %8s %8s%n", "total", "", "", (total >> 20) + " MB");
    return engines.stream().allMatch(EngineStatus::healthy) ? 0 : 1;
  }
}
