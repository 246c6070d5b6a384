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
      new ComponentCommand("batch", "backfill",
          "Spark: score the windows of a date range (and stocks) with a chosen model, under batch/backfills/", Component.BATCH_SPARK),
      new ComponentCommand("model", "list",
          "List the trained models with their test figures; the serving one is marked CURRENT", Component.INGEST),
      new ComponentCommand("model", "current",
          "Print the CURRENT model version; with --is, whether that version is CURRENT (Oozie capture-output)", Component.INGEST),
      new ComponentCommand("model", "publish",
          "Publish a model (default CURRENT) to the compacted 'models' topic; the speed layer swaps to it without restart",
          Component.INGEST),
      new ComponentCommand("model", "export",
          "Copy a model's model.json, evaluation.json and report.html (default CURRENT) to a local directory", Component.INGEST),
      new ComponentCommand("speed", "run",
          "Kafka Streams: score live ticks with the current model, exactly once; models swap without restart", Component.SPEED),
      new ComponentCommand("serving", "run",
          "Load the speed view from Kafka into HBase and Elasticsearch, and serve the query API and the live web view", Component.SERVING),
      new ComponentCommand("serving", "load-batch",
          "Serve a batch view: bulk-load its HFiles into a new HBase version and index it into a new Elasticsearch index, swap it in whole, expire older speed rows",
          Component.SERVING),
      new ComponentCommand("serving", "load-backfill",
          "Load a backfill into the served batch view (same HBase version and Elasticsearch index, same keys): idempotent",
          Component.SERVING),
      new ComponentCommand("serving", "status",
          "What is served: the batch view (run, model, horizon, HBase version, Elasticsearch index) and, with --count, the rows of each view in each store",
          Component.SERVING),
      new ComponentCommand("kibana", "import",
          "Import the dashboards (index pattern, visualizations, dashboard) into Kibana through its saved-objects API", Component.SERVING),
      new ComponentCommand("bench", "speed",
          "Speed layer (Kafka Streams) against Spark Structured Streaming on the same ticks: throughput, latency percentiles, their ratio",
          Component.BENCH),
      new ComponentCommand("bench", "batch",
          "Batch layer scaling: MapReduce training set, Spark training and batch view at several input sizes, rows/s at each", Component.BENCH),
      new ComponentCommand("bench", "scale",
          "The whole batch path at full scale (generated Kaggle-shaped market by default): replay, land, windows, training, view, HBase + Elasticsearch load; time, rate and peak memory of each step", Component.BENCH),
      new ComponentCommand("bench", "serving",
          "Serving layer: HBase and Elasticsearch write rates, and query latency percentiles idle and under concurrent readers while loading", Component.BENCH),
      new ComponentCommand("bench", "end-to-end",
          "Tick produced to prediction visible in HBase and searchable in Elasticsearch: latency percentiles at fixed rates", Component.BENCH),
      new ComponentCommand("bench", "spark-scorer",
          "Spark Structured Streaming doing the speed layer's windowing and scoring, for 'bench speed' to compare", Component.BENCH_SPARK),
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
