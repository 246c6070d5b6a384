package io.stocklambda.cli.demo;

import io.stocklambda.cli.launch.ComponentLauncher;
import io.stocklambda.commands.oozie.OozieOptions;
import io.stocklambda.commands.serving.StoreLocation;
import io.stocklambda.core.config.Defaults;
import io.stocklambda.embedded.stack.Endpoints;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Map;

/**
 * {@code demo --with-oozie}: the scheduled retraining, run once through the stack's Oozie server as
 * the daily coordinator runs it (the coordinator itself waits for a completed day of archived
 * ticks, which a demo of minutes does not reach): {@code oozie deploy}, then {@code oozie submit
 * --once --wait}, each in the Oozie component's JVM. The speed layer swaps to the new model if it
 * is promoted, and the serving layer to its batch view, while they run.
 */
final class DemoOozie {

  private DemoOozie() {}

  /**
   * @param cutoff first date of the test period, as the demo's own batch run had it
   * @param validationYears years before it that choose the model family, as the demo's run had it
   * @return 0 if the run SUCCEEDED, else the failing command's status
   */
  static int retrain(
      ComponentLauncher launcher,
      Endpoints at,
      StoreLocation stores,
      int window,
      LocalDate cutoff,
      int validationYears,
      PrintStream out)
      throws InterruptedException {
    OozieOptions.Deploy deploy = new OozieOptions.Deploy();
    deploy.app.hdfs = at.hdfsUri();
    int status = launcher.runForeground(deploy, Map.of());
    if (status != 0) {
      out.println("  oozie deploy exited with " + status);
      return status;
    }
    OozieOptions.Submit submit = new OozieOptions.Submit();
    submit.server.url = at.oozieUrl();
    submit.app.hdfs = at.hdfsUri();
    submit.settings.resourceManager = at.yarnResourceManager();
    submit.settings.bootstrap = at.kafkaBootstrap();
    submit.settings.window = window;
    submit.settings.validationYears = validationYears;
    submit.stores = stores;
    submit.once = "demo-oozie-" + Defaults.runId();
    submit.cutoff = cutoff.toString();
    submit.await = true;
    status = launcher.runForeground(submit, Map.of());
    out.println(
        status == 0
            ? "  retrained through Oozie: 'stocklambda model list' shows the run, the live view its predictions"
            : "  the Oozie run did not succeed (exit "
                + status
                + "); 'stocklambda oozie jobs' shows why");
    return status;
  }
}
