package io.stocklambda.cli;

import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Arguments;
import com.github.rvesse.airline.annotations.Command;
import com.github.rvesse.airline.help.Help;
import com.github.rvesse.airline.model.CommandGroupMetadata;
import com.github.rvesse.airline.model.CommandMetadata;
import com.github.rvesse.airline.model.GlobalMetadata;
import io.stocklambda.cli.launch.ComponentCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code stocklambda help [command]}: the built-in commands from airline's own metadata, then the
 * commands that run in a component's JVM (whose full help their component prints).
 */
@Command(
    name = "help",
    description = "Show every command with its purpose, or one command's full usage")
public final class HelpCommand extends CliCommand {

  @AirlineModule private GlobalMetadata<Runnable> global;

  @Arguments(
      title = "command",
      description = "The command to explain, e.g. 'generate' or 'bench parse'")
  private List<String> command = new ArrayList<>();

  @Override
  protected int execute() {
    try {
      if (command.isEmpty()) {
        out().print(overview(global));
      } else {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Help.help(global, command, false, text);
        out().print(text.toString(StandardCharsets.UTF_8));
      }
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a group has a built-in command of this name. */
  static boolean isBuiltIn(GlobalMetadata<Runnable> global, String group, String name) {
    return global.getCommandGroups().stream()
        .filter(g -> g.getName().equals(group))
        .flatMap(g -> g.getCommands().stream())
        .anyMatch(c -> c.getName().equals(name));
  }

  /** The commands of one group, built-in and in components, e.g. {@code batch}. */
  static String groupUsage(GlobalMetadata<Runnable> global, String group) {
    StringBuilder out =
        new StringBuilder("usage: stocklambda " + group + " <command> [<args>]")
            .append(System.lineSeparator())
            .append(System.lineSeparator())
            .append("Commands are:")
            .append(System.lineSeparator());
    global.getCommandGroups().stream()
        .filter(g -> g.getName().equals(group))
        .flatMap(g -> g.getCommands().stream())
        .forEach(c -> out.append(String.format("    %-14s %s%n", c.getName(), c.getDescription())));
    for (ComponentCommand c : ComponentCommand.inGroup(group)) {
      out.append(String.format("    %-14s %s%n", c.name(), c.purpose()));
    }
    out.append(System.lineSeparator())
        .append("See 'stocklambda help " + group + " <command>' for one command's options.")
        .append(System.lineSeparator());
    return out.toString();
  }

  /**
   * Every command with its one-line purpose: the built-in ones (and those of groups) from airline's
   * metadata, then the component commands from their catalog.
   */
  static String overview(GlobalMetadata<Runnable> global) {
    StringBuilder out =
        new StringBuilder()
            .append("usage: stocklambda <command> [<args>]")
            .append(System.lineSeparator())
            .append(System.lineSeparator())
            .append(global.getDescription())
            .append('.')
            .append(System.lineSeparator())
            .append(System.lineSeparator())
            .append("Commands:")
            .append(System.lineSeparator());
    for (CommandMetadata command : global.getDefaultGroupCommands()) {
      line(out, command.getName(), command.getDescription());
    }
    for (CommandGroupMetadata group : global.getCommandGroups()) {
      for (CommandMetadata command : group.getCommands()) {
        line(out, group.getName() + " " + command.getName(), command.getDescription());
      }
    }
    for (ComponentCommand c : ComponentCommand.ALL) {
      line(out, c.group() + " " + c.name(), c.purpose() + " [own JVM]");
    }
    out.append(System.lineSeparator())
        .append(
            "'stocklambda help <command>' or 'stocklambda <command> --help' explains a command's options.")
        .append(System.lineSeparator());
    return out.toString();
  }

  private static void line(StringBuilder out, String command, String purpose) {
    out.append(String.format("    %-21s %s%n", command, purpose));
  }
}
