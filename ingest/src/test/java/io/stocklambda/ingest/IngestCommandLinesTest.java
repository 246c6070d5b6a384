package io.stocklambda.ingest;

import io.stocklambda.commands.RoundTrip;
import io.stocklambda.commands.ingest.ArchiveOptions;
import io.stocklambda.commands.ingest.LandOptions;
import io.stocklambda.commands.ingest.ModelOptions;
import io.stocklambda.commands.ingest.ReplayOptions;
import org.junit.jupiter.api.Test;

/**
 * Every ingest command built as a typed record parses back, in this component's CLI, to the same
 * options.
 */
class IngestCommandLinesTest {

  @Test
  void landReplayAndArchive() {
    LandOptions land = new LandOptions();
    land.input = "/data/kaggle";
    land.dataset.at("hdfs://nn:9000", "/elsewhere");
    land.onMalformed = "fail";
    land.maxMalformed = "12";
    land.threads = 3;
    land.removeIncomplete = true;
    RoundTrip.check(IngestMain.class, land);

    ReplayOptions replay = new ReplayOptions();
    replay.input = "data.csv";
    replay.bootstrap = "k1:9092,k2:9092";
    replay.topic = "t";
    replay.rate = 1500.0;
    replay.from = "2010-01-04";
    replay.to = "2010-02-01";
    replay.skip = 42;
    replay.format = "thesis";
    replay.partitions = 8;
    RoundTrip.check(IngestMain.class, replay);

    ArchiveOptions archive = new ArchiveOptions();
    archive.bootstrap = "k:9093";
    archive.group = "g";
    archive.instance = "2";
    archive.rollRecords = 300;
    archive.rollSeconds = 5;
    archive.untilIdle = 15;
    archive.crashAfter = "staged";
    archive.arrivalDate = "2017-11-13";
    RoundTrip.check(IngestMain.class, archive);
  }

  @Test
  void theModelCommands() {
    ModelOptions.ListModels list = new ModelOptions.ListModels();
    list.dataset.root = "/r";
    list.full = true;
    list.bootstrap = "k:4";
    RoundTrip.check(IngestMain.class, list);
    RoundTrip.check(IngestMain.class, new ModelOptions.History());
    ModelOptions.Promote promote = new ModelOptions.Promote();
    promote.version = "v3";
    promote.reason = "shadow period passed";
    promote.bootstrap = "k:2";
    promote.noPublish = true;
    promote.minShadowOutcomes = 500;
    RoundTrip.check(IngestMain.class, promote);
    ModelOptions.Candidate candidate = new ModelOptions.Candidate();
    candidate.version = "v4";
    candidate.withdraw = true;
    candidate.bootstrap = "k:3";
    RoundTrip.check(IngestMain.class, candidate);
    ModelOptions.Rollback rollback = new ModelOptions.Rollback();
    rollback.reason = "live hit rate fell";
    RoundTrip.check(IngestMain.class, rollback);
    ModelOptions.Retire retire = new ModelOptions.Retire();
    retire.version = "v1";
    retire.reason = "leaks";
    RoundTrip.check(IngestMain.class, retire);
    ModelOptions.Current current = new ModelOptions.Current();
    current.is = "20261130-101010";
    RoundTrip.check(IngestMain.class, current);
    ModelOptions.Export export = new ModelOptions.Export();
    export.version = "v1";
    export.out = "/tmp/x";
    RoundTrip.check(IngestMain.class, export);
    ModelOptions.Publish publish = new ModelOptions.Publish();
    publish.version = "v2";
    publish.bootstrap = "k:1";
    RoundTrip.check(IngestMain.class, publish);
  }
}
