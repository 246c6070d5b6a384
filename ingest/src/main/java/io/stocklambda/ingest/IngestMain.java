package io.stocklambda.ingest;

import com.github.rvesse.airline.annotations.Group;
import com.github.rvesse.airline.help.Help;
import io.stocklambda.commands.ComponentMain;
import io.stocklambda.ingest.archive.ArchiveCommand;
import io.stocklambda.ingest.land.LandCommand;
import io.stocklambda.ingest.model.ModelCommands;
import io.stocklambda.ingest.model.RegistryCommands;
import io.stocklambda.ingest.replay.ReplayCommand;

/** Entry point of the ingest component: {@code stocklambda ingest land|replay|archive}. */
@com.github.rvesse.airline.annotations.Cli(
    name = "stocklambda",
    description = "stocklambda ingest",
    commands = {Help.class},
    groups = {
      @Group(
          name = "ingest",
          description = "Land raw ticks in HDFS, replay them into Kafka, archive live ticks back",
          commands = {LandCommand.class, ReplayCommand.class, ArchiveCommand.class}),
      @Group(
          name = "model",
          description =
              "The model registry: list, promote, roll back, retire; publish one to the speed layer",
          commands = {
            RegistryCommands.ListModels.class,
            RegistryCommands.History.class,
            RegistryCommands.Promote.class,
            RegistryCommands.Rollback.class,
            RegistryCommands.Retire.class,
            RegistryCommands.Candidate.class,
            ModelCommands.Current.class,
            ModelCommands.Publish.class,
            ModelCommands.Export.class
          })
    })
public final class IngestMain {

  private IngestMain() {}

  public static void main(String[] args) {
    ComponentMain.main("ingest", IngestMain.class, args);
  }
}
