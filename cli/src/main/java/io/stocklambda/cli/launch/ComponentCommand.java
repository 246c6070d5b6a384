package io.stocklambda.cli.launch;

import com.github.rvesse.airline.annotations.Command;
import io.stocklambda.commands.Component;
import io.stocklambda.commands.ComponentOptions;
import io.stocklambda.commands.batch.BackfillOptions;
import io.stocklambda.commands.batch.TrainOptions;
import io.stocklambda.commands.batch.ViewOptions;
import io.stocklambda.commands.batch.WindowsOptions;
import io.stocklambda.commands.bench.FlinkScorerOptions;
import io.stocklambda.commands.bench.KafkaScorerOptions;
import io.stocklambda.commands.bench.SparkScorerOptions;
import io.stocklambda.commands.ingest.ArchiveOptions;
import io.stocklambda.commands.ingest.LandOptions;
import io.stocklambda.commands.ingest.ModelOptions;
import io.stocklambda.commands.ingest.ReplayOptions;
import io.stocklambda.commands.oozie.OozieOptions;
import io.stocklambda.commands.serving.KibanaImportOptions;
import io.stocklambda.commands.serving.ServingOptions;
import io.stocklambda.commands.speed.SpeedRunOptions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A command that runs inside a component's JVM, known here by name and purpose only, so that {@code
 * stocklambda --help} lists every command while each component keeps its own classpath and parses
 * its own options. A test of the distribution checks that each entry exists in its component with
 * this very purpose.
 */
public record ComponentCommand(String group, String name, String purpose, Component component) {

  /**
   * Every component command, in help order: those of the typed interface as their options classes
   * describe them, then the benchmarks.
   */
  public static final List<ComponentCommand> ALL =
      Stream.concat(
              Stream.of(
                      new LandOptions(),
                      new ReplayOptions(),
                      new ArchiveOptions(),
                      new WindowsOptions(),
                      new TrainOptions(),
                      new ViewOptions(),
                      new BackfillOptions(),
                      new ModelOptions.ListModels(),
                      new ModelOptions.History(),
                      new ModelOptions.Promote(),
                      new ModelOptions.Rollback(),
                      new ModelOptions.Retire(),
                      new ModelOptions.Candidate(),
                      new ModelOptions.Current(),
                      new ModelOptions.Publish(),
                      new ModelOptions.Export(),
                      new SpeedRunOptions(),
                      new ServingOptions.Run(),
                      new ServingOptions.LoadBatch(),
                      new ServingOptions.LoadBackfill(),
                      new ServingOptions.Status(),
                      new KibanaImportOptions(),
                      new OozieOptions.Package(),
                      new OozieOptions.Deploy(),
                      new OozieOptions.Submit(),
                      new OozieOptions.Jobs(),
                      new OozieOptions.Kill(),
                      new SparkScorerOptions(),
                      new FlinkScorerOptions(),
                      new KafkaScorerOptions())
                  .map(ComponentCommand::of),
              Stream.of(
                  new ComponentCommand(
                      "bench",
                      "speed",
                      "Speed layer (Kafka Streams) against Spark Structured Streaming and Flink on the same ticks: throughput, latency percentiles, their ratios",
                      Component.BENCH),
                  new ComponentCommand(
                      "bench",
                      "batch",
                      "Batch layer scaling: MapReduce training set, Spark training and batch view at several input sizes, rows/s at each",
                      Component.BENCH),
                  new ComponentCommand(
                      "bench",
                      "scale",
                      "The whole batch path at full scale (generated Kaggle-shaped market by default): replay, land, windows, training, view, HBase + Elasticsearch load; time, rate and peak memory of each step",
                      Component.BENCH),
                  new ComponentCommand(
                      "bench",
                      "serving",
                      "Serving layer: HBase and Elasticsearch write rates, and query latency percentiles idle and under concurrent readers while loading",
                      Component.BENCH),
                  new ComponentCommand(
                      "bench",
                      "end-to-end",
                      "Tick produced to prediction visible in HBase and searchable in Elasticsearch: latency percentiles at fixed rates",
                      Component.BENCH),
                  new ComponentCommand(
                      "bench",
                      "parse",
                      "Measure CSV parse and date-ordered merge throughput (rows/s) and memory",
                      Component.BENCH),
                  new ComponentCommand(
                      "bench",
                      "codec",
                      "Measure the live path's JSON: ticks and prediction records written and read (records/s)",
                      Component.BENCH)))
          .toList();

  /** A typed component command, its purpose from its {@code @Command} description. */
  static ComponentCommand of(ComponentOptions options) {
    Command command = null;
    for (Class<?> c = options.getClass(); command == null && c != null; c = c.getSuperclass()) {
      command = c.getAnnotation(Command.class);
    }
    return new ComponentCommand(
        options.words().get(0), options.words().get(1), command.description(), options.component());
  }

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
