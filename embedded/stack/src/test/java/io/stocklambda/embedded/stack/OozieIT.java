package io.stocklambda.embedded.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.embedded.stack.junit.EmbeddedStackTest;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.client.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded Oozie server runs a workflow on the embedded YARN: a shell action (Oozie 5's
 * launcher application master in a container) to SUCCEEDED with its captured output, and a failing
 * one to its kill node with the error in the workflow.
 */
@EmbeddedStackTest({Engine.HDFS, Engine.YARN, Engine.OOZIE})
class OozieIT {

  private static final String WORKFLOW =
      """
      <workflow-app xmlns="uri:oozie:workflow:1.0" name="oozie-it">
        <start to="say"/>
        <action name="say">
          <shell xmlns="uri:oozie:shell-action:1.0">
            <resource-manager>${resourceManager}</resource-manager>
            <name-node>${nameNode}</name-node>
            <exec>${command}</exec>
            <argument>said=hello</argument>
            <capture-output/>
          </shell>
          <ok to="end"/>
          <error to="fail"/>
        </action>
        <kill name="fail"><message>failed: [${wf:errorMessage(wf:lastErrorNode())}]</message></kill>
        <end name="end"/>
      </workflow-app>
      """;

  @Test
  @Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
  void aShellActionRunsOnYarnAndAFailingOneEndsInTheKillNode(Endpoints endpoints) throws Exception {
    try (FileSystem fs =
        FileSystem.newInstance(URI.create(endpoints.hdfsUri()), new Configuration())) {
      try (OutputStream out =
          fs.create(new Path("/user/" + user() + "/oozie-it/workflow.xml"), true)) {
        out.write(WORKFLOW.getBytes(StandardCharsets.UTF_8));
      }
    }
    OozieClient oozie = new OozieClient(endpoints.oozieUrl());

    WorkflowJob ok = run(oozie, endpoints, "echo");
    assertThat(ok.getStatus()).as(ok.toString()).isEqualTo(WorkflowJob.Status.SUCCEEDED);
    assertThat(
            ok.getActions().stream()
                .filter(a -> a.getName().equals("say"))
                .findFirst()
                .orElseThrow()
                .getData())
        .contains("said=hello");

    WorkflowJob failed = run(oozie, endpoints, "/no/such/command");
    assertThat(failed.getStatus()).isEqualTo(WorkflowJob.Status.KILLED);
    assertThat(
            failed.getActions().stream()
                .filter(a -> a.getName().equals("say"))
                .findFirst()
                .orElseThrow()
                .getStatus())
        .isIn(
            org.apache.oozie.client.WorkflowAction.Status.ERROR,
            org.apache.oozie.client.WorkflowAction.Status.FAILED);
  }

  private static WorkflowJob run(OozieClient oozie, Endpoints endpoints, String command)
      throws Exception {
    Properties conf = oozie.createConfiguration();
    conf.setProperty(OozieClient.APP_PATH, endpoints.hdfsUri() + "/user/" + user() + "/oozie-it");
    conf.setProperty(OozieClient.USER_NAME, user());
    conf.setProperty("nameNode", endpoints.hdfsUri());
    conf.setProperty("resourceManager", endpoints.yarnResourceManager());
    conf.setProperty("command", command);
    conf.setProperty("oozie.use.system.libpath", "true");
    String id = oozie.run(conf);
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    WorkflowJob job = oozie.getJobInfo(id);
    while (job.getStatus() == WorkflowJob.Status.RUNNING
        || job.getStatus() == WorkflowJob.Status.PREP) {
      assertThat(System.nanoTime())
          .as("workflow %s still %s", id, job.getStatus())
          .isLessThan(deadline);
      Thread.sleep(1000);
      job = oozie.getJobInfo(id);
    }
    return job;
  }

  private static String user() {
    return System.getProperty("user.name");
  }
}
