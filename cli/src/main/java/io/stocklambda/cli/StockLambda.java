package io.stocklambda.cli;

import com.github.rvesse.airline.Cli;
import com.github.rvesse.airline.annotations.Group;
import com.github.rvesse.airline.parser.errors.ParseException;
import io.stocklambda.cli.batch.BackfillCommand;
import io.stocklambda.cli.batch.BatchRunCommand;
import io.stocklambda.cli.demo.DemoCommand;
import io.stocklambda.cli.launch.ComponentCommand;
import io.stocklambda.cli.launch.ComponentLauncher;
import io.stocklambda.cli.stack.StackDownCommand;
import io.stocklambda.cli.stack.StackStatusCommand;
import io.stocklambda.cli.stack.StackUpCommand;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code stocklambda} command. Built-in commands run here; a component command ({@code
 * stocklambda bench parse ...}) is handed whole to its component's JVM.
 */
@com.github.rvesse.airline.annotations.Cli(
    name = "stocklambda",
    description =
        "Next-close direction predictions for every US stock, as a Lambda architecture on Kafka, HDFS, Spark, HBase and Elasticsearch",
    commands = {HelpCommand.class, DemoCommand.class, BackfillCommand.class, GenerateCommand.class},
    groups = {
      @Group(
          name = "stack",
          description = "The embedded Kafka, HDFS, HBase and Elasticsearch, one local process each",
          commands = {StackUpCommand.class, StackStatusCommand.class, StackDownCommand.class}),
      @Group(
          name = "batch",
          description = "The batch layer",
          commands = {BatchRunCommand.class})
    })
public final class StockLambda {

  private StockLambda() {}

  public static void main(String[] args) throws InterruptedException {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command line and returns the exit code: 0 done, 1 failed, 2 bad usage. */
  public static int run(String[] args, PrintStream out, PrintStream err)
      throws InterruptedException {
    List<String> words = normalize(args);
    String first = words.get(0);
    boolean helpOn = first.equals("help") && words.size() >= 2;
    String group = helpOn ? words.get(1) : first;
    if (ComponentCommand.isGroup(group)) {
      int at = helpOn ? 1 : 0;
      Optional<ComponentCommand> command =
          words.size() > at + 1
              ? ComponentCommand.find(group, words.get(at + 1))
              : Optional.empty();
      if (command.isPresent()) {
        try {
          return ComponentLauncher.fromDistribution()
              .runForeground(command.get().component(), words);
        } catch (IllegalStateException e) {
          err.println("stocklambda: " + e.getMessage());
          return 1;
        }
      }
      if (words.size() == at + 1 || isHelpWord(words.get(at + 1))) {
        out.print(
            HelpCommand.groupUsage(new Cli<Runnable>(StockLambda.class).getMetadata(), group));
        return 0;
      }
      if (!HelpCommand.isBuiltIn(
          new Cli<Runnable>(StockLambda.class).getMetadata(), group, words.get(at + 1))) {
        err.println("stocklambda: unknown " + group + " command '" + words.get(at + 1) + "'");
        err.print(
            HelpCommand.groupUsage(new Cli<Runnable>(StockLambda.class).getMetadata(), group));
        return 2;
      }
    }
    return runBuiltIn(words, out, err);
  }

  private static int runBuiltIn(List<String> words, PrintStream out, PrintStream err) {
    Cli<Runnable> cli = new Cli<>(StockLambda.class);
    try {
      Runnable command = cli.parse(words.toArray(String[]::new));
      if (command instanceof CliCommand c) {
        c.setOut(out);
      }
      command.run();
      return command instanceof CliCommand c ? c.exitCode() : 0;
    } catch (ParseException e) {
      err.println("stocklambda: " + e.getMessage());
      err.println(
          "See 'stocklambda help' for the commands and 'stocklambda help <command>' for their options.");
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("stocklambda: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("stocklambda: failed: " + e);
      return 1;
    }
  }

  /**
   * No argument means {@code help}; {@code --help} or {@code -h} anywhere means {@code help} on the
   * words before it (so that a command's required options do not stand in the way of its help).
   */
  static List<String> normalize(String[] args) {
    List<String> words = new ArrayList<>(Arrays.asList(args));
    int flag = -1;
    for (int i = 0; i < words.size() && flag < 0; i++) {
      if (words.get(i).equals("--help") || words.get(i).equals("-h")) {
        flag = i;
      }
    }
    if (flag >= 0) {
      List<String> help = new ArrayList<>();
      help.add("help");
      for (String word : words.subList(0, flag)) {
        if (word.startsWith("-")) {
          break; // the command is the words before its first option
        }
        help.add(word);
      }
      return help;
    }
    if (words.isEmpty()) {
      words.add("help");
    }
    return words;
  }

  private static boolean isHelpWord(String word) {
    return word.equals("--help") || word.equals("-h") || word.equals("help");
  }
}
