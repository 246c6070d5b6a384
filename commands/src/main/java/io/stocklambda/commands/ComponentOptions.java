package io.stocklambda.commands;

import com.github.rvesse.airline.HelpOption;
import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of one component command, as airline parses them and as they render back into a
 * command line: the typed interface between components. The CLI, the demo, the benchmarks, the
 * Oozie packager and the tests build a command by setting the fields of its options class and
 * calling {@link #toArgs()}; the component's command extends the same class and reads the same
 * fields. Names and defaults are therefore written once, in the options class.
 *
 * <p>Not a Java record: airline injects parsed values into mutable fields. A subclass carries the
 * command's {@link Command} annotation (airline finds it on a superclass), and {@link #group()}
 * names the group it belongs to in its component's CLI.
 */
public abstract class ComponentOptions {

  @AirlineModule private HelpOption<ComponentOptions> help;

  /** The component whose JVM runs this command. */
  public abstract Component component();

  /** The command's group in its component's CLI: {@code ingest}, {@code batch}, {@code model}... */
  protected abstract String group();

  /** The command's words: {@code [batch, train]}. */
  public final List<String> words() {
    return List.of(group(), commandName(getClass()));
  }

  /**
   * The full command line for the component's main: the command's words, then every option that has
   * a value ({@code --name value}, a flag by its name alone), in declaration order.
   */
  public final List<String> toArgs() {
    List<String> args = new ArrayList<>(words());
    args.addAll(CommandLines.options(this));
    return args;
  }

  /** Shows the command's help if {@code --help} was given; then the command does nothing else. */
  public final boolean helpShown() {
    return help != null && help.showHelpIfRequested();
  }

  @Override
  public String toString() {
    return String.join(" ", toArgs());
  }

  static String commandName(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      Command command = c.getAnnotation(Command.class);
      if (command != null) {
        return command.name();
      }
    }
    throw new IllegalStateException(type.getName() + " has no @Command in its hierarchy");
  }
}
