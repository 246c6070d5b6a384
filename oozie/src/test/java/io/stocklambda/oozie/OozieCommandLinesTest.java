package io.stocklambda.oozie;

import io.stocklambda.commands.RoundTrip;
import io.stocklambda.commands.oozie.OozieOptions;
import org.junit.jupiter.api.Test;

/**
 * Every Oozie command built as a typed record (as the demo builds them) parses back, in this
 * component's CLI, to the same options.
 */
class OozieCommandLinesTest {

  @Test
  void packageDeploySubmitJobsAndKill() {
    OozieOptions.Package pack = new OozieOptions.Package();
    pack.out = "/tmp/app";
    pack.force = true;
    pack.settings.home = "/opt/stocklambda";
    pack.app.dir = "/apps/retrain";
    RoundTrip.check(OozieMain.class, pack);

    OozieOptions.Deploy deploy = new OozieOptions.Deploy();
    deploy.app.hdfs = "hdfs://nn:8020";
    RoundTrip.check(OozieMain.class, deploy);

    OozieOptions.Submit submit = new OozieOptions.Submit();
    submit.server.url = "http://oozie:11000/oozie";
    submit.settings.resourceManager = "rm:8032";
    submit.settings.root = "/data";
    submit.settings.deployMode = "client";
    submit.settings.window = 7;
    submit.settings.validationYears = 3;
    submit.stores.zookeeper = "zk:2181";
    submit.once = "r1";
    submit.cutoff = "2016-11-13";
    submit.await = true;
    RoundTrip.check(OozieMain.class, submit);

    OozieOptions.Submit coordinator = new OozieOptions.Submit();
    coordinator.start = "2017-11-13T22:30Z";
    coordinator.end = "2018-11-13T22:30Z";
    RoundTrip.check(OozieMain.class, coordinator);

    OozieOptions.Jobs jobs = new OozieOptions.Jobs();
    jobs.id = "0000001-261201055324521-oozie-root-W";
    jobs.log = true;
    jobs.limit = 3;
    RoundTrip.check(OozieMain.class, jobs);

    OozieOptions.Kill kill = new OozieOptions.Kill();
    kill.id = "0000000-261201055324521-oozie-root-C";
    RoundTrip.check(OozieMain.class, kill);
  }
}
