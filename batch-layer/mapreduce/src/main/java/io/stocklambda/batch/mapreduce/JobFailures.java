package io.stocklambda.batch.mapreduce;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskCompletionEvent;
import org.slf4j.LoggerFactory;

/**
 * Why a job failed, in words: on YARN the diagnostics of its failed task attempts; under the local
 * runner, which reports only "NA", the exception it logs when a task fails (caught here from its
 * logger, so that the user reads {@code OutOfMemoryError: Java heap space}, not {@code NA}).
 */
final class JobFailures implements AutoCloseable {

  private static final String LOCAL_RUNNER = "org.apache.hadoop.mapred.LocalJobRunner";

  private final Capture capture;

  private JobFailures(Capture capture) {
    this.capture = capture;
  }

  static JobFailures watch() {
    org.slf4j.Logger logger = LoggerFactory.getLogger(LOCAL_RUNNER);
    if (!(logger instanceof Logger logback)) {
      return new JobFailures(null);
    }
    Capture capture = new Capture();
    capture.setContext(logback.getLoggerContext());
    capture.start();
    logback.addAppender(capture);
    return new JobFailures(capture);
  }

  /**
   * The failure's cause: task diagnostics, the local runner's exception, or the job's own failure
   * info.
   */
  String describe(Job job) {
    List<String> reasons = new ArrayList<>();
    try {
      for (TaskCompletionEvent event : job.getTaskCompletionEvents(0, 1000)) {
        if (event.getStatus() == TaskCompletionEvent.Status.FAILED
            || event.getStatus() == TaskCompletionEvent.Status.TIPFAILED) {
          for (String diagnostic : job.getTaskDiagnostics(event.getTaskAttemptId())) {
            reasons.add(event.getTaskAttemptId() + ": " + firstLines(diagnostic));
          }
        }
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // not every runner keeps task events; the other sources follow
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
    }
    if (reasons.isEmpty() && capture != null && capture.cause != null) {
      reasons.add(capture.cause);
    }
    if (reasons.isEmpty()) {
      try {
        reasons.add(job.getStatus().getFailureInfo());
      } catch (IOException | InterruptedException e) {
        reasons.add("no reason given");
      }
    }
    return String.join("; ", reasons.subList(0, Math.min(3, reasons.size())));
  }

  private static String firstLines(String text) {
    String[] lines = text.strip().split("\n");
    return lines.length <= 2 ? text.strip() : lines[0] + " " + lines[1].strip();
  }

  @Override
  public void close() {
    if (capture != null) {
      ((Logger) LoggerFactory.getLogger(LOCAL_RUNNER)).detachAppender(capture);
      capture.stop();
    }
  }

  /** Keeps the innermost cause of the first exception the local runner logs. */
  private static final class Capture extends AppenderBase<ILoggingEvent> {
    private volatile String cause;

    @Override
    protected void append(ILoggingEvent event) {
      IThrowableProxy t = event.getThrowableProxy();
      if (t == null || cause != null) {
        return;
      }
      while (t.getCause() != null) {
        t = t.getCause();
      }
      cause = t.getClassName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
  }
}
