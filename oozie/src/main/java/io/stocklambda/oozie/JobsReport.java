package io.stocklambda.oozie;

import java.io.PrintStream;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.apache.oozie.client.CoordinatorAction;
import org.apache.oozie.client.CoordinatorJob;
import org.apache.oozie.client.WorkflowAction;
import org.apache.oozie.client.WorkflowJob;

/**
 * Oozie's jobs as {@code stocklambda oozie jobs} prints them: one line per job, and for one job one
 * line per action with its status and, if it failed, Oozie's error code and message (a kill node's
 * message included). Only the retraining application's jobs are listed.
 */
final class JobsReport {

  private final PrintStream out;

  JobsReport(PrintStream out) {
    this.out = out;
  }

  void coordinators(List<CoordinatorJob> jobs) {
    out.println("coordinators:");
    int shown = 0;
    for (CoordinatorJob job : jobs) {
      if (RetrainingApp.COORDINATOR.equals(job.getAppName())) {
        out.printf(
            "  %-40s %-10s start %s  end %s  next %s%n",
            job.getId(),
            job.getStatus(),
            time(job.getStartTime()),
            time(job.getEndTime()),
            time(job.getNextMaterializedTime()));
        shown++;
      }
    }
    none(shown);
  }

  void workflows(List<WorkflowJob> jobs) {
    out.println("workflows:");
    int shown = 0;
    for (WorkflowJob job : jobs) {
      if (job.getAppName() != null && job.getAppName().startsWith(RetrainingApp.WORKFLOW_PREFIX)) {
        out.printf(
            "  %-40s %-10s %-36s started %s  ended %s%n",
            job.getId(),
            job.getStatus(),
            job.getAppName(),
            time(job.getStartTime()),
            time(job.getEndTime()));
        shown++;
      }
    }
    none(shown);
  }

  void coordinator(CoordinatorJob job) {
    out.printf(
        "coordinator %s %s: %s, start %s, end %s, next %s%n",
        job.getAppName(),
        job.getId(),
        job.getStatus(),
        time(job.getStartTime()),
        time(job.getEndTime()),
        time(job.getNextMaterializedTime()));
    for (CoordinatorAction action : job.getActions()) {
      out.printf(
          "  action %-3d nominal %s  %-10s workflow %s%s%n",
          action.getActionNumber(),
          time(action.getNominalTime()),
          action.getStatus(),
          action.getExternalId() == null ? "-" : action.getExternalId(),
          action.getMissingDependencies() == null || action.getMissingDependencies().isEmpty()
              ? ""
              : "  waiting for " + action.getMissingDependencies());
      if (action.getErrorMessage() != null) {
        out.printf("      error %s: %s%n", action.getErrorCode(), action.getErrorMessage());
      }
    }
  }

  void workflow(WorkflowJob job) {
    out.printf(
        "workflow %s %s: %s, started %s, ended %s%n",
        job.getAppName(),
        job.getId(),
        job.getStatus(),
        time(job.getStartTime()),
        time(job.getEndTime()));
    for (WorkflowAction action : job.getActions()) {
      out.printf(
          "  %-12s %-10s %s%n",
          action.getName(),
          action.getStatus(),
          action.getExternalId() == null ? "" : action.getExternalId());
      if (action.getErrorMessage() != null) {
        out.printf("      error %s: %s%n", action.getErrorCode(), action.getErrorMessage());
      }
    }
  }

  private void none(int shown) {
    if (shown == 0) {
      out.println("  (none)");
    }
  }

  private static String time(Date date) {
    if (date == null) {
      return "-";
    }
    SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm'Z'");
    format.setTimeZone(TimeZone.getTimeZone("UTC"));
    return format.format(date);
  }
}
