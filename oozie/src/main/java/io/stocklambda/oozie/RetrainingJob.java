package io.stocklambda.oozie;

import io.stocklambda.commands.oozie.OozieOptions;
import io.stocklambda.commands.serving.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The job properties of the retraining application: every parameter its workflow and coordinator
 * leave to the submitter, from the typed options, so that {@code oozie package} (a {@code
 * job.properties} file), {@code oozie submit} and the tests agree on them.
 *
 * @param nameNode the HDFS of the application and the dataset, {@code hdfs://host:port}
 * @param appPath the application's directory, absolute on {@code nameNode}
 * @param home where the distribution is installed on every NodeManager host
 * @param user the submitting user ({@code user.name}, which Oozie requires)
 */
public record RetrainingJob(
    String nameNode,
    String appPath,
    OozieOptions.Settings settings,
    StoreLocation stores,
    String home,
    String user) {

  /** Oozie's time format of coordinator start and end times, UTC. */
  public static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

  /** The coordinator's nominal time of day, UTC: after the US close in summer and winter time. */
  static final int NOMINAL_HOUR = 22;

  static final int NOMINAL_MINUTE = 30;

  public RetrainingJob {
    Objects.requireNonNull(nameNode, "nameNode");
    Objects.requireNonNull(appPath, "appPath");
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(user, "user");
  }

  /**
   * From the commands' options: the application's directory made absolute under {@code
   * /user/<user>/} if relative, the distribution's home defaulting to the one this JVM runs from.
   *
   * @throws IllegalArgumentException if no home is given and this JVM is not a distribution's
   */
  public static RetrainingJob of(
      OozieOptions.Application app,
      OozieOptions.Settings settings,
      StoreLocation stores,
      String user) {
    String home = settings.home != null ? settings.home : System.getProperty("stocklambda.home");
    if (home == null) {
      throw new IllegalArgumentException(
          "--home is needed: where the distribution is installed on the cluster's nodes");
    }
    return new RetrainingJob(app.hdfs, appPath(app, user), settings, stores, home, user);
  }

  /** The application's absolute path: {@code --app}, under the user's home if relative. */
  public static String appPath(OozieOptions.Application app, String user) {
    return app.dir.startsWith("/") ? app.dir : "/user/" + user + "/" + app.dir;
  }

  /** Whether {@code home} holds a distribution here (it must on every NodeManager host). */
  public boolean homeIsADistribution() {
    return Files.isExecutable(Paths.get(home, "bin", "stocklambda"));
  }

  /** The properties every submission has. */
  public Map<String, String> common() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("user.name", user);
    p.put("nameNode", nameNode);
    p.put("resourceManager", settings.resourceManager);
    p.put("queueName", settings.queue);
    p.put("oozie.use.system.libpath", "true");
    p.put("workflowPath", nameNode + appPath);
    p.put("stocklambdaHome", home);
    p.put("root", settings.root);
    p.put("window", Integer.toString(settings.window));
    p.put("validationYears", Integer.toString(settings.validationYears));
    p.put("trainYears", settings.trainYears);
    p.put("gbtIterations", Integer.toString(settings.gbtIterations));
    p.put("sparkMaster", settings.sparkMaster);
    p.put("deployMode", settings.deployMode);
    p.put("kafkaBootstrap", settings.bootstrap);
    p.put("zookeeper", stores.zookeeper);
    p.put("elasticsearch", stores.elasticsearch);
    return p;
  }

  /** The coordinator's submission, from {@code start} to {@code end} (UTC minutes). */
  public Map<String, String> coordinator(Instant start, Instant end) {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "the coordinator's end "
              + TIME.format(end)
              + " is not after its start "
              + TIME.format(start));
    }
    Map<String, String> p = common();
    p.put("oozie.coord.application.path", nameNode + appPath + "/coordinator.xml");
    p.put("start", TIME.format(start));
    p.put("end", TIME.format(end));
    return p;
  }

  /** One run of the workflow alone, named {@code run}, with the test period from {@code cutoff}. */
  public Map<String, String> workflow(String run, LocalDate cutoff) {
    Map<String, String> p = common();
    p.put("oozie.wf.application.path", nameNode + appPath);
    p.put("run", run);
    p.put("cutoff", cutoff.toString());
    return p;
  }

  /** The first nominal time after {@code now}: the next 22:30 UTC. */
  public static Instant nextNominal(Instant now) {
    ZonedDateTime today =
        now.atZone(ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.DAYS)
            .withHour(NOMINAL_HOUR)
            .withMinute(NOMINAL_MINUTE);
    return (today.toInstant().isAfter(now) ? today : today.plusDays(1)).toInstant();
  }

  /** The coordinator's rule for the test period, used by a run with no cutoff given. */
  public static LocalDate defaultCutoff(LocalDate today) {
    return today.minusDays(365);
  }

  /** Parses an Oozie time, {@code yyyy-MM-ddTHH:mmZ}. */
  public static Instant parseTime(String time) {
    return Instant.from(TIME.parse(time));
  }
}
