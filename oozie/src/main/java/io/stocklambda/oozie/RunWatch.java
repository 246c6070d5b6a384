package io.stocklambda.oozie;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.apache.oozie.client.OozieClient;
import org.apache.oozie.client.OozieClientException;
import org.apache.oozie.client.WorkflowAction;
import org.apache.oozie.client.WorkflowJob;

/**
 * Follows one workflow run to its end, as {@code oozie submit --once --wait} does: a line per
 * action whenever its status changes (with its YARN application and, on error, Oozie's error), then
 * the run's final status.
 */
final class RunWatch {

  /** How often Oozie is asked. */
  static final Duration POLL = Duration.ofSeconds(5);

  private RunWatch() {}

  /**
   * @return 0 if the run SUCCEEDED, 1 if it ended otherwise (KILLED, FAILED)
   * @throws OozieClientException if the server cannot be asked
   * @throws InterruptedException if interrupted while waiting (the run goes on)
   */
  static int follow(OozieClient client, String id, PrintStream out)
      throws OozieClientException, InterruptedException {
    Map<String, String> seen = new HashMap<>();
    while (true) {
      WorkflowJob job = client.getJobInfo(id);
      for (WorkflowAction action : job.getActions()) {
        String status = action.getStatus().toString();
        if (!status.equals(seen.put(action.getName(), status))) {
          out.printf(
              "  %s %-10s %-10s %s%n",
              LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS),
              action.getName(),
              status,
              action.getExternalId() == null ? "" : action.getExternalId());
          if (action.getErrorMessage() != null) {
            out.printf("      error %s: %s%n", action.getErrorCode(), action.getErrorMessage());
          }
        }
      }
      WorkflowJob.Status status = job.getStatus();
      if (status != WorkflowJob.Status.RUNNING
          && status != WorkflowJob.Status.PREP
          && status != WorkflowJob.Status.SUSPENDED) {
        out.printf("run %s (%s): %s%n", job.getAppName(), id, status);
        return status == WorkflowJob.Status.SUCCEEDED ? 0 : 1;
      }
      Thread.sleep(POLL.toMillis());
    }
  }
}
