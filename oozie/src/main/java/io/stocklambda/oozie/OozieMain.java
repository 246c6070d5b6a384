package io.stocklambda.oozie;

import com.github.rvesse.airline.annotations.Group;
import com.github.rvesse.airline.help.Help;
import io.stocklambda.commands.ComponentMain;

/**
 * Entry point of the Oozie component: {@code stocklambda oozie package|deploy|submit|jobs|kill}.
 */
@com.github.rvesse.airline.annotations.Cli(
    name = "stocklambda",
    description = "stocklambda oozie",
    commands = {Help.class},
    groups = {
      @Group(
          name = "oozie",
          description = "Retraining scheduled by Oozie on a cluster",
          commands = {
            OozieCommands.PackageApp.class,
            OozieCommands.Deploy.class,
            OozieCommands.Submit.class,
            OozieCommands.Jobs.class,
            OozieCommands.Kill.class
          })
    })
public final class OozieMain {

  private OozieMain() {}

  public static void main(String[] args) {
    ComponentMain.main("oozie", OozieMain.class, args);
  }
}
