package io.stocklambda.oozie;

import io.stocklambda.commands.ComponentMain;
import io.stocklambda.commands.oozie.OozieOptions;
import io.stocklambda.hdfs.Hdfs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.oozie.client.OozieClient;

/** The {@code stocklambda oozie} commands. */
public final class OozieCommands {

  private OozieCommands() {}

  /** The submitting user, as HDFS and Oozie see it (Hadoop's {@code HADOOP_USER_NAME} counts). */
  static String user() throws IOException {
    return UserGroupInformation.getCurrentUser().getShortUserName();
  }

  /** An Oozie client of {@code url} that fails at once when the server is not there. */
  static OozieClient client(String url) {
    OozieClient client = new OozieClient(url);
    client.setRetryCount(1);
    return client;
  }

  /** {@code stocklambda oozie package}: the application and its job.properties, locally. */
  public static final class PackageApp extends OozieOptions.Package
      implements ComponentMain.Executable {
    @Override
    public int execute() throws IOException {
      RetrainingJob job = RetrainingJob.of(app, settings, stores, user());
      Path target = Paths.get(out).toAbsolutePath();
      if (Files.exists(target)) {
        if (!force) {
          throw new IllegalArgumentException(target + " exists; add --force to replace it");
        }
        try (Stream<Path> walk = Files.walk(target)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      RetrainingApp.writeTo(target);
      Instant start = RetrainingJob.nextNominal(Instant.now());
      Properties props = new Properties();
      props.putAll(job.coordinator(start, start.atZone(ZoneOffset.UTC).plusYears(10).toInstant()));
      try (OutputStream o = Files.newOutputStream(target.resolve("job.properties"))) {
        props.store(
            o,
            "stocklambda retraining: 'stocklambda oozie deploy' puts the application into "
                + job.appPath()
                + ", then 'oozie job -config job.properties -run' (or 'stocklambda oozie submit') schedules it");
      }
      System.out.printf("Oozie application in %s:%n", target);
      System.out.printf(
          "  workflow.xml     windows -> train -> check -> publish (if promoted) -> view -> swap, shell actions running %s/bin/stocklambda%n",
          job.home());
      System.out.printf(
          "  coordinator.xml  daily at 22:30 UTC, once the day's archived ticks are complete (_SUCCESS)%n");
      System.out.printf(
          "  job.properties   this cluster's endpoints; the application's HDFS directory is %s%n",
          job.appPath());
      return 0;
    }
  }

  /** {@code stocklambda oozie deploy}: the application into HDFS. */
  public static final class Deploy extends OozieOptions.Deploy implements ComponentMain.Executable {
    @Override
    public int execute() throws IOException {
      String dir = RetrainingJob.appPath(app, user());
      try (FileSystem fs = Hdfs.open(app.hdfs)) {
        RetrainingApp.deploy(fs, new org.apache.hadoop.fs.Path(dir));
      }
      System.out.printf(
          "deployed %s to %s%s%n", String.join(", ", RetrainingApp.FILES), app.hdfs, dir);
      System.out.println("next: stocklambda oozie submit");
      return 0;
    }
  }

  /** {@code stocklambda oozie submit}: the coordinator, or one workflow run. */
  public static final class Submit extends OozieOptions.Submit implements ComponentMain.Executable {
    @Override
    public int execute() throws Exception {
      RetrainingJob job = RetrainingJob.of(app, settings, stores, user());
      if (settings.home == null && !job.homeIsADistribution()) {
        throw new IllegalArgumentException(
            "--home is needed: " + job.home() + " is no distribution");
      }
      if (once == null && (cutoff != null || await)) {
        throw new IllegalArgumentException(
            (await ? "--wait" : "--cutoff")
                + " goes with --once; the coordinator sets each run's cutoff a year before it and runs daily");
      }
      Map<String, String> properties;
      if (once != null) {
        LocalDate cut =
            cutoff != null
                ? LocalDate.parse(cutoff)
                : RetrainingJob.defaultCutoff(LocalDate.now(ZoneOffset.UTC));
        properties = job.workflow(once, cut);
      } else {
        Instant first =
            start != null
                ? RetrainingJob.parseTime(start)
                : RetrainingJob.nextNominal(Instant.now());
        Instant last =
            end != null
                ? RetrainingJob.parseTime(end)
                : first.atZone(ZoneOffset.UTC).plusYears(10).toInstant();
        properties = job.coordinator(first, last);
      }
      OozieClient client = client(server.url);
      Properties conf = client.createConfiguration();
      conf.putAll(properties);
      String id = client.run(conf);
      System.out.println(id);
      System.err.printf(
          "submitted %s to %s: %s; follow it with 'stocklambda oozie jobs --id %s'%n",
          once != null ? "workflow run " + once : "the daily coordinator",
          server.url,
          once != null
              ? "cutoff " + properties.get("cutoff")
              : "from " + properties.get("start") + " to " + properties.get("end"),
          id);
      return await ? RunWatch.follow(client, id, System.err) : 0;
    }
  }

  /** {@code stocklambda oozie jobs}. */
  public static final class Jobs extends OozieOptions.Jobs implements ComponentMain.Executable {
    @Override
    public int execute() throws Exception {
      OozieClient client = client(server.url);
      PrintStream out = System.out;
      JobsReport report = new JobsReport(out);
      if (id == null) {
        report.coordinators(client.getCoordJobsInfo(null, 1, limit));
        report.workflows(client.getJobsInfo(null, 1, limit));
      } else if (id.endsWith("-C")) {
        report.coordinator(client.getCoordJobInfo(id));
      } else {
        report.workflow(client.getJobInfo(id));
      }
      if (log && id != null) {
        out.println("log:");
        out.print(client.getJobLog(id));
      }
      return 0;
    }
  }

  /** {@code stocklambda oozie kill}. */
  public static final class Kill extends OozieOptions.Kill implements ComponentMain.Executable {
    @Override
    public int execute() throws Exception {
      client(server.url).kill(id);
      System.out.println("killed " + id);
      return 0;
    }
  }
}
