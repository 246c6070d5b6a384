package io.stocklambda.bench;

import com.github.rvesse.airline.HelpOption;
import com.github.rvesse.airline.annotations.AirlineModule;
import com.github.rvesse.airline.annotations.Option;
import io.stocklambda.commands.serving.StoreLocation;
import io.stocklambda.core.config.Defaults;

/** The options of {@code bench scale}. */
abstract class ScaleBenchOptions {

  /** Where the serving stores are ('stocklambda stack up --engines hbase,elasticsearch'). */
  @AirlineModule StoreLocation stores = new StoreLocation();

  @AirlineModule protected HelpOption<ScaleBenchmark> help;

  @AirlineModule MarketInput market = new MarketInput();

  @Option(
      name = "--hdfs",
      title = "hdfs",
      description = "HDFS of the stack (default " + Defaults.HDFS_URI + ")")
  String hdfs = Defaults.HDFS_URI;

  @Option(
      name = "--bootstrap",
      title = "bootstrap",
      description =
          "Kafka, to time the replay of the whole input at --max (default: "
              + Defaults.KAFKA_BOOTSTRAP
              + "; 'none' skips the replay)")
  String bootstrap = Defaults.KAFKA_BOOTSTRAP;

  @Option(
      name = "--stack-dir",
      title = "dir",
      description =
          "The stack's directory, whose engines' peak memory is reported (default "
              + "stocklambda-data/stack)")
  String stackDir = "stocklambda-data/stack";

  @Option(
      name = "--report-dir",
      title = "dir",
      description = "Where the CSV goes (default docs/bench)")
  String reportDir = "docs/bench";

  @Option(
      name = "--name",
      title = "name",
      description = "Suite name of the CSV, e.g. scale-merged (default scale)")
  String name = "scale";

  @Option(
      name = "--keep-data",
      description =
          "Keep the run's HDFS root (about 14 GB at full size) and the generated market; by default "
              + "both are deleted at the end, and the served view stays in HBase and Elasticsearch until the next load replaces it")
  boolean keepData;
}
