package io.stocklambda.cli.launch;

import java.util.List;
import java.util.Optional;

/**
 * A command that runs inside a component's JVM, known here by name and purpose only, so that
 * {@code stocklambda --help} lists every command while each component keeps its own classpath
 * and parses its own options. A test of the distribution checks that each entry exists in its
 * component with this very purpose.
 */
public record ComponentCommand(String group, String name, String purpose, Component component) {

  /** Every component command, in help order. */
  public static final List<ComponentCommand> ALL = List.of(
      new ComponentCommand("ingest", "land",
          "Copy Kaggle files or a merged data.csv into the HDFS master dataset, immutable; re-landing the same content is a no-op",
          Component.INGEST),
      new ComponentCommand("ingest", "replay",
          "Produce ticks to Kafka topic 'ticks' in global date order, keyed by stock, at a chosen pace", Component.INGEST),
      new ComponentCommand("ingest", "archive",
          "Consume 'ticks' and append them to the HDFS master dataset by date, exactly once across crashes", Component.INGEST),
      new ComponentCommand("bench", "parse",
          "Measure CSV parse and date-ordered merge throughput (rows/s) and memory", Component.BENCH));

  public static Optional<ComponentCommand> find(String group, String name) {
    return ALL.stream().filter(c -> c.group.equals(group) && c.name.equals(name)).findFirst();
  }

  public static boolean isGroup(String word) {
    return ALL.stream().anyMatch(c -> c.group.equals(word));
  }

  public static List<ComponentCommand> inGroup(String group) {
    return ALL.stream().filter(c -> c.group.equals(group)).toList();
  }
}
