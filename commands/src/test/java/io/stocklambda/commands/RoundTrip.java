package io.stocklambda.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.rvesse.airline.Cli;

/**
 * The check each component runs on its own CLI: a typed command, rendered by {@link
 * ComponentOptions#toArgs()} and parsed by the component's airline CLI, is a command of the same
 * options class with the same values; so a command line built from the record always means what the
 * record says.
 */
public final class RoundTrip {

  private RoundTrip() {}

  /**
   * @param cli the component's class carrying its airline {@code @Cli}
   * @param options a command with values set (not only defaults)
   */
  public static void check(Class<?> cli, ComponentOptions options) {
    Object parsed = new Cli<Object>(cli).parse(options.toArgs().toArray(String[]::new));
    assertThat(parsed)
        .as("the command " + options.words() + " of " + cli.getSimpleName())
        .isInstanceOf(options.getClass());
    assertThat(CommandLines.options(parsed))
        .as("the options of " + String.join(" ", options.words()) + " after a round trip")
        .isEqualTo(CommandLines.options(options));
  }
}
