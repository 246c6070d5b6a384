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
      new ComponentCommand("batch", "windows",
          "MapReduce: build the windowed, labeled training set from the whole master dataset", Component.BATCH_MAPREDUCE),
      new ComponentCommand("batch", "train",
          "Spark MLlib: train and evaluate against baselines on a time split; promote only if better than the serving model",
          Component.BATCH_SPARK),
      new ComponentCommand("batch", "view",
          "Spark: score every window of history with a model through core's scorer; the batch view with its horizon",
          Component.BATCH_SPARK),
      new ComponentCommand("model", "list",
          "List the trained models with their test figures; the serving one is marked CURRENT", Component.INGEST),
      new ComponentCommand("model", "publish",
          "Publish a model (default CURRENT) to the compacted 'models' topic; the speed layer swaps to it without restart",
          Component.INGEST),
      new ComponentCommand("model", "export",
          "Copy a model's model.json, evaluation.json and report.html (default CURRENT) to a local directory", Component.INGEST),
      new ComponentCommand("speed", "run",
          "Kafka Streams: score live ticks with the current model, exactly once; models swap without restart", Component.SPEED),
      new ComponentCommand("bench", "speed",
          "Speed layer end to end: ticks produced to predictions committed, throughput and latency percentiles at several rates",
          Component.BENCH),
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
