package io.stocklambda.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.commands.batch.BatchPipeline;
import io.stocklambda.commands.batch.TrainOptions;
import io.stocklambda.commands.ingest.ModelOptions;
import io.stocklambda.commands.ingest.ReplayOptions;
import io.stocklambda.commands.serving.ServingOptions;
import io.stocklambda.commands.serving.StoreLocation;
import io.stocklambda.core.config.Defaults;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLinesTest {

  @Test
  void aCommandRendersItsWordsThenEveryOptionWithAValueInDeclarationOrder() {
    ReplayOptions replay = new ReplayOptions();
    replay.input = "/data/kaggle";
    replay.daysPerSecond = 2.5;
    replay.max = false;

    assertThat(replay.toArgs())
        .containsExactly(
            "ingest",
            "replay",
            "--input",
            "/data/kaggle",
            "--bootstrap",
            Defaults.KAFKA_BOOTSTRAP,
            "--topic",
            "ticks",
            "--days-per-second",
            "2.5",
            "--skip",
            "0",
            "--format",
            "tick",
            "--partitions",
            "4",
            "--on-malformed",
            "skip",
            "--max-malformed",
            "0.1%");
    replay.max = true;
    assertThat(replay.toArgs())
        .as("a set flag is its name alone")
        .contains("--max")
        .doesNotContain("true");
  }

  @Test
  void optionGroupsRenderInPlaceAndHelpNever() {
    ServingOptions.LoadBatch load = new ServingOptions.LoadBatch();
    load.stores.zookeeper = "zk:2181";
    load.dataset.at("hdfs://nn:8020", "/r");
    load.view = "v1";

    assertThat(load.toArgs())
        .containsExactly(
            "serving",
            "load-batch",
            "--zookeeper",
            "zk:2181",
            "--elasticsearch",
            Defaults.ELASTICSEARCH_URL,
            "--hdfs",
            "hdfs://nn:8020",
            "--root",
            "/r",
            "--view",
            "v1",
            "--es-parallelism",
            "3")
        .doesNotContain("--help", "-h");
  }

  @Test
  void theWordsComeFromTheCommandAnnotationAndTheGroup() {
    assertThat(new ModelOptions.Publish().words()).containsExactly("model", "publish");
    assertThat(new TrainOptions().words()).containsExactly("batch", "train");
    assertThat(new TrainOptions().component()).isEqualTo(Component.BATCH_SPARK);
  }

  @Test
  void thePipelineRunsTrainBeforePublishingAndPublishingBeforeTheView() {
    StoreLocation stores = new StoreLocation();
    BatchPipeline full =
        new BatchPipeline(
            "hdfs://nn:8020", "/r", 5, "2010-01-01", 2, "r1", "local[2]", "k:9092", stores);
    assertThat(full.steps())
        .extracting(BatchPipeline.Step::name)
        .containsExactly("windows", "train", "check", "publish", "view", "swap");
    assertThat(full.steps())
        .filteredOn(s -> s.when() == BatchPipeline.When.IF_PROMOTED)
        .extracting(BatchPipeline.Step::name)
        .containsExactly("publish");
    assertThat(full.steps().get(1).command().toArgs())
        .containsSequence("--training", "r1")
        .containsSequence("--version", "r1")
        .containsSequence("--hdfs", "hdfs://nn:8020", "--root", "/r");

    BatchPipeline local =
        new BatchPipeline("hdfs://nn:8020", "/r", 5, "2010-01-01", 2, "r1", "local[2]", null, null);
    assertThat(local.steps())
        .extracting(BatchPipeline.Step::name)
        .containsExactly("windows", "train", "view");
  }

  @Test
  void everyComponentCommandHasADistinctCommandLine() {
    List<ComponentOptions> all =
        List.of(
            new ReplayOptions(),
            new TrainOptions(),
            new ModelOptions.Publish(),
            new ModelOptions.Current(),
            new ServingOptions.Run(),
            new ServingOptions.LoadBatch());
    assertThat(all.stream().map(o -> String.join(" ", o.words())).distinct()).hasSize(all.size());
  }
}
