package io.stocklambda.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stocklambda.core.dataset.Topics;
import io.stocklambda.core.json.JsonCodec;
import io.stocklambda.core.prediction.Prediction;
import io.stocklambda.core.prediction.PredictionJson;
import io.stocklambda.core.tick.Tick;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The scheduled retraining loop, executed: every engine of the stack (Kafka, HDFS, HBase,
 * Elasticsearch, YARN, Oozie) and a running speed layer, each a process of the distribution.
 * History is landed; the daily coordinator is deployed and submitted and waits for its input; one
 * live day is archived, whose {@code _SUCCESS} releases the coordinator's action; the workflow runs
 * the batch layer on YARN (MapReduce windows, Spark training and view in cluster deploy mode) and
 * ends SUCCEEDED; the new model is CURRENT, its batch view is served whole from HBase and
 * Elasticsearch, and the speed layer, never restarted, scores with it. A run whose first action
 * cannot read its input ends in the kill node, with the error in Oozie's log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static final JsonCodec<Tick> TICKS = JsonCodec.of(Tick.class);

  /** The live day archived: the first trading day after the generated history (to 2017-11-10). */
  private static final LocalDate DAY = LocalDate.of(2017, 11, 13);

  /** The run the coordinator names after its nominal time, DAY at 22:30 UTC. */
  private static final String RUN = "oozie-20171113";

  private static final Pattern JOB_ID = Pattern.compile("\\d{7}-\\d+-oozie-\\w+-[CW]");

  private final Path work =
      Dist.HOME.getParent().resolve("cluster-it-" + UUID.randomUUID()).toAbsolutePath();
  private int[] ports;
  private Process speed;

  @BeforeAll
  void startTheStackLandHistoryAndRunTheSpeedLayer() throws Exception {
    Dist.Result generated =
        Dist.run(
            work,
            "generate",
            "--profile",
            "kaggle",
            "--scale",
            "0.005",
            "--out",
            work.resolve("market").toString());
    assertThat(generated.exit()).as(generated.out() + generated.err()).isZero();
    ports = Dist.freePorts(11);
    List<String> up =
        new ArrayList<>(
            List.of(
                "stack",
                "up",
                "--dir",
                stack().toString(),
                "--engines",
                "kafka,hdfs,hbase,elasticsearch,yarn,oozie"));
    String[] names = {
      "--kafka-port",
      "--kafka-controller-port",
      "--hdfs-port",
      "--hbase-zookeeper-port",
      "--hbase-master-port",
      "--hbase-regionserver-port",
      "--elasticsearch-http-port",
      "--elasticsearch-transport-port",
      "--yarn-port",
      "--yarn-webapp-port",
      "--oozie-port"
    };
    for (int i = 0; i < names.length; i++) {
      up.add(names[i]);
      up.add(Integer.toString(ports[i]));
    }
    Dist.Result stack = Dist.run(work, 6, up.toArray(String[]::new));
    assertThat(stack.exit()).as(stack.out() + stack.err()).isZero();
    assertThat(stack.out()).contains("oozie         ready at " + oozie());
    Dist.Result land =
        Dist.run(
            work,
            5,
            "ingest",
            "land",
            "--input",
            work.resolve("market").toString(),
            "--hdfs",
            hdfs());
    assertThat(land.exit()).as(land.out() + land.err()).isZero();
    speed =
        Dist.start(
            work.resolve("speed.log"),
            "speed",
            "run",
            "--bootstrap",
            bootstrap(),
            "--state-dir",
            work.resolve("speed-state").toString());
  }

  @AfterAll
  void stopEverything() throws Exception {
    if (speed != null) {
      assertThat(Dist.stop(speed)).as("the speed layer exits on SIGTERM").isTrue();
    }
    Dist.Result down = Dist.run(work, "stack", "down", "--dir", stack().toString());
    assertThat(down.exit()).as(down.out() + down.err()).isZero();
  }

  @Test
  @Order(1)
  void stackStatusReportsTheNodeManagerAndOoziesHealth() throws Exception {
    Dist.Result status = Dist.run(work, "stack", "status", "--dir", stack().toString());
    assertThat(status.exit()).as(status.out() + status.err()).isZero();
    assertThat(status.out())
        .containsPattern("yarn .*1 NodeManager\\(s\\), 6,144 MB")
        .containsPattern("oozie .*system mode NORMAL, sharelib installed");
  }

  @Test
  @Order(2)
  void theWindowsJobOnYarnWritesTheSameTrainingSetAsTheLocalRunner() throws Exception {
    Dist.Result local = Dist.run(work, 10, "batch", "windows", "--run", "local", "--hdfs", hdfs());
    assertThat(local.exit()).as(local.out() + local.err()).isZero();
    Dist.Result yarn =
        Dist.run(
            work,
            10,
            "batch",
            "windows",
            "--run",
            "yarn",
            "--framework",
            "yarn",
            "--hadoop-conf-dir",
            confDir().toString(),
            "--hdfs",
            hdfs());
    assertThat(yarn.exit()).as(yarn.out() + yarn.err()).isZero();
    assertThat(yarn.out()).contains("on YARN");
    assertThat(summary(yarn.out())).isEqualTo(summary(local.out()));
    List<String> fromYarn = lines("/stocklambda/batch/training/yarn");
    assertThat(fromYarn).hasSizeGreaterThan(1000);
    assertThat(fromYarn).isEqualTo(lines("/stocklambda/batch/training/local"));
  }

  @Test
  @Order(3)
  void clusterModeWithoutTheEnvironmentsHadoopConfigurationSaysWhatToExport() throws Exception {
    // as spark-submit, the cluster deploy mode reads the configuration from the environment (the
    // scheduled run below trains in cluster mode, inside a YARN container that has it)
    Dist.Result unset =
        Dist.run(
            work,
            2,
            "batch",
            "train",
            "--training",
            "yarn",
            "--master",
            "yarn",
            "--deploy-mode",
            "cluster",
            "--hadoop-conf-dir",
            confDir().toString(),
            "--hdfs",
            hdfs());
    if (System.getenv("HADOOP_CONF_DIR") == null) {
      assertThat(unset.exit()).as(unset.out() + unset.err()).isEqualTo(2);
      assertThat(unset.err()).contains("export HADOOP_CONF_DIR=" + confDir());
    }
  }

  @Test
  @Order(4)
  void theCoordinatorRetrainsOnceTheArchivedDayIsCompleteAndEveryLayerFollows() throws Exception {
    // Given the application deployed, and the coordinator submitted for the day's 22:30 UTC run
    Dist.Result deploy = Dist.run(work, "oozie", "deploy", "--hdfs", hdfs());
    assertThat(deploy.exit()).as(deploy.out() + deploy.err()).isZero();
    Dist.Result submit =
        Dist.run(
            work,
            oozieSubmit(
                "--start",
                DAY + "T22:30Z",
                "--end",
                DAY.plusDays(1) + "T00:00Z",
                "--train-years",
                "0",
                "--gbt-iterations",
                "5"));
    assertThat(submit.exit()).as(submit.out() + submit.err()).isZero();
    String coordinator = jobId(submit.out());
    assertThat(coordinator).endsWith("-C");

    // it waits for the day's archived ticks to be complete
    String waiting =
        await(
            "the coordinator's action, waiting for its input",
            Duration.ofMinutes(3),
            () -> {
              String out = jobs(coordinator);
              return out.contains("waiting for") ? out : null;
            });
    assertThat(waiting).contains("date=" + DAY, "_SUCCESS").doesNotContain("SUCCEEDED");

    // When the live day arrives and is archived, then a tick of the next day closes it
    produce("live.us", DAY, 1);
    archive(DAY);
    produce("live.us", DAY.plusDays(1), 1);
    archive(DAY.plusDays(1));
    try (FileSystem fs = FileSystem.newInstance(URI.create(hdfs()), new Configuration())) {
      assertThat(
              fs.exists(
                  new org.apache.hadoop.fs.Path(
                      "/stocklambda/master/ticks/stream/date=" + DAY + "/_SUCCESS")))
          .as("the archiver marked the day complete")
          .isTrue();
    }

    // Then the coordinator's workflow runs the batch layer on YARN to the end
    String workflow =
        await(
            "the coordinator's workflow",
            Duration.ofMinutes(3),
            () -> {
              Matcher m = Pattern.compile("workflow (\\S+-W)").matcher(jobs(coordinator));
              return m.find() ? m.group(1) : null;
            });
    String done = awaitEnd(workflow, Duration.ofMinutes(15));
    assertThat(done)
        .as(Dist.run(work, "oozie", "jobs", "--oozie", oozie(), "--id", workflow, "--log").out())
        .contains("stocklambda-retrain-" + RUN + " " + workflow + ": SUCCEEDED");
    for (String action : List.of("windows", "train", "check", "publish", "view", "swap")) {
      assertThat(done).containsPattern("\\n  " + action + " +OK +application_\\d+_\\d+");
    }

    // the new model is CURRENT (the first one: the promotion rule has nothing to beat)
    Dist.Result current = Dist.run(work, "model", "current", "--hdfs", hdfs());
    assertThat(current.out()).contains("current=" + RUN);
    // trained on YARN in cluster mode, with the metrics of the same training run locally
    retrainLocally(RUN + "-local");
    assertSameMetrics(RUN, RUN + "-local");

    // its batch view is served whole, from HBase and Elasticsearch alike
    Dist.Result status =
        Dist.run(
            work,
            "serving",
            "status",
            "--count",
            "--zookeeper",
            "127.0.0.1:" + ports[3],
            "--elasticsearch",
            elasticsearch());
    assertThat(status.exit()).as(status.out() + status.err()).isZero();
    assertThat(status.out()).contains("batch view: " + RUN + " by model " + RUN);
    Matcher rows = Pattern.compile("batch view rows (\\d[\\d,]*\\d)").matcher(status.out());
    assertThat(rows.find()).as(status.out()).isTrue();
    long hbaseRows = Long.parseLong(rows.group(1).replace(",", ""));
    assertThat(hbaseRows).isGreaterThan(10_000);
    assertThat(status.out())
        .containsPattern("Elasticsearch predictions-batch-\\S+: " + rows.group(1) + " documents");
    // and the same view computed again on YARN in client deploy mode (the driver in this JVM),
    // from the same training set and model: the same number of predictions
    Dist.Result client =
        Dist.run(
            work,
            10,
            "batch",
            "view",
            "--training",
            RUN,
            "--model",
            RUN,
            "--run",
            RUN + "-client",
            "--master",
            "yarn",
            "--hadoop-conf-dir",
            confDir().toString(),
            "--hdfs",
            hdfs());
    assertThat(client.exit()).as(client.out() + client.err()).isZero();
    assertThat(client.out())
        .contains(
            "batch view " + RUN + "-client: " + rows.group(1) + " predictions by model " + RUN);

    // and the speed layer, running all along, scores new ticks with it
    assertThat(speed.isAlive()).as("the speed layer was never restarted").isTrue();
    produce("swap.us", DAY.plusDays(7), 7);
    Prediction scored =
        await(
            "a live prediction of swap.us",
            Duration.ofMinutes(2),
            () ->
                predictions().stream()
                    .filter(p -> p.stock().equals("swap.us"))
                    .findFirst()
                    .orElse(null));
    assertThat(scored.modelVersion()).isEqualTo(RUN);
  }

  @Test
  @Order(5)
  void aRunThatCannotReadItsInputEndsInTheKillNodeWithTheErrorInOoziesLog() throws Exception {
    Dist.Result submit =
        Dist.run(
            work,
            oozieSubmit("--once", "broken", "--cutoff", "2016-11-13", "--root", "/no/such/root"));
    assertThat(submit.exit()).as(submit.out() + submit.err()).isZero();
    String workflow = jobId(submit.out());
    String done = awaitEnd(workflow, Duration.ofMinutes(5));
    assertThat(done)
        .contains(workflow + ": KILLED")
        .containsPattern("\\n  windows +ERROR")
        .contains("stocklambda retraining broken failed at [windows]");
    Dist.Result log =
        Dist.run(work, "oozie", "jobs", "--oozie", oozie(), "--id", workflow, "--log");
    assertThat(log.exit()).as(log.out() + log.err()).isZero();
    assertThat(log.out())
        .contains(
            "ACTION[" + workflow + "@windows]", "Launcher ERROR", "ShellMain], exit code [1]");
  }

  private String[] oozieSubmit(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "oozie",
                "submit",
                "--oozie",
                oozie(),
                "--hdfs",
                hdfs(),
                "--resource-manager",
                "127.0.0.1:" + ports[8],
                "--bootstrap",
                bootstrap(),
                "--zookeeper",
                "127.0.0.1:" + ports[3],
                "--elasticsearch",
                elasticsearch()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /**
   * Trains again locally on the scheduled run's training set, with its cutoff and the training
   * options it was submitted with, as {@code version} (never promoted).
   */
  private void retrainLocally(String version) throws Exception {
    Dist.Result train =
        Dist.run(
            work,
            10,
            "batch",
            "train",
            "--training",
            RUN,
            "--version",
            version,
            "--promote",
            "never",
            "--hdfs",
            hdfs(),
            "--cutoff",
            DAY.minusDays(365).toString(),
            "--train-years",
            "0",
            "--gbt-iterations",
            "5");
    assertThat(train.exit()).as(train.out() + train.err()).isZero();
  }

  /** What {@code oozie jobs --id} says of a workflow once it has ended, however it ended. */
  private String awaitEnd(String workflow, Duration timeout) throws Exception {
    return await(
        "workflow " + workflow + " to end",
        timeout,
        () -> {
          String out = jobs(workflow);
          return out.matches("(?s).*: (SUCCEEDED|KILLED|FAILED),.*") ? out : null;
        });
  }

  private String jobs(String id) throws Exception {
    Dist.Result jobs = Dist.run(work, "oozie", "jobs", "--oozie", oozie(), "--id", id);
    assertThat(jobs.exit()).as(jobs.out() + jobs.err()).isZero();
    return jobs.out();
  }

  private static String jobId(String out) {
    Matcher m = JOB_ID.matcher(out);
    assertThat(m.find()).as("a job id in: " + out).isTrue();
    return m.group();
  }

  /** Archives what the ticks topic holds as arriving on {@code day}, until idle. */
  private void archive(LocalDate day) throws Exception {
    Dist.Result archived =
        Dist.run(
            work,
            3,
            "ingest",
            "archive",
            "--bootstrap",
            bootstrap(),
            "--hdfs",
            hdfs(),
            "--arrival-date",
            day.toString(),
            "--roll-seconds",
            "1",
            "--until-idle",
            "5");
    assertThat(archived.exit()).as(archived.out() + archived.err()).isZero();
  }

  private void produce(String stock, LocalDate from, int days) throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (int day = 0; day < days; day++) {
        double close = 100 + 3 * Math.sin(day) + day;
        Tick t =
            new Tick(
                stock,
                from.plusDays(day),
                close - 0.5,
                close + 1,
                close - 1,
                close,
                1_000_000 + 10_000L * day);
        producer.send(new ProducerRecord<>(Topics.TICKS, stock, TICKS.encode(t))).get();
      }
    }
  }

  private List<Prediction> predictions() {
    List<Prediction> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "cluster-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.PREDICTIONS));
      long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (System.nanoTime() < until) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          found.addAll(PredictionJson.read(r.value()));
        }
      }
    }
    return found;
  }

  private static <T> T await(String what, Duration timeout, Callable<T> probe) throws Exception {
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < until) {
      T value = probe.call();
      if (value != null) {
        return value;
      }
      Thread.sleep(2_000);
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what);
  }

  /** Two models' evaluations agree: same rows, same choice, AUCs within 1e-9. */
  private void assertSameMetrics(String version, String reference) throws Exception {
    JsonNode local = evaluation(reference);
    JsonNode other = evaluation(version);
    assertThat(other.get("trainRows").asLong()).isEqualTo(local.get("trainRows").asLong());
    assertThat(other.get("testRows").asLong()).isEqualTo(local.get("testRows").asLong());
    assertThat(other.get("selected").asText()).isEqualTo(local.get("selected").asText());
    local
        .get("validationAuc")
        .fields()
        .forEachRemaining(
            e ->
                assertThat(other.get("validationAuc").get(e.getKey()).asDouble())
                    .as(version + " validation AUC of " + e.getKey())
                    .isCloseTo(e.getValue().asDouble(), within(1e-9)));
    assertThat(other.get("rows").size()).isEqualTo(local.get("rows").size());
    for (int i = 0; i < local.get("rows").size(); i++) {
      JsonNode row = local.get("rows").get(i);
      JsonNode theirs = other.get("rows").get(i);
      assertThat(theirs.get("model").asText()).isEqualTo(row.get("model").asText());
      assertThat(theirs.get("n").asLong()).isEqualTo(row.get("n").asLong());
      assertThat(theirs.get("auc").asDouble())
          .as(version + " " + row.get("model").asText() + " " + row.get("slice").asText())
          .isCloseTo(row.get("auc").asDouble(), within(1e-9));
    }
  }

  /** The windows job's counters, without its timing. */
  private static List<String> summary(String out) {
    return out.lines()
        .filter(l -> l.matches("  (ticks|windows|labeled|malformed lines|input files) .*"))
        .toList();
  }

  private List<String> lines(String dir) throws Exception {
    List<String> lines = new ArrayList<>();
    try (FileSystem fs = FileSystem.newInstance(URI.create(hdfs()), new Configuration())) {
      for (FileStatus part : fs.listStatus(new org.apache.hadoop.fs.Path(dir))) {
        if (!part.getPath().getName().startsWith("part-")) {
          continue;
        }
        try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(fs.open(part.getPath()), StandardCharsets.UTF_8))) {
          in.lines().forEach(lines::add);
        }
      }
    }
    lines.sort(null);
    return lines;
  }

  private JsonNode evaluation(String version) throws Exception {
    try (FileSystem fs = FileSystem.newInstance(URI.create(hdfs()), new Configuration())) {
      return new ObjectMapper()
          .readTree(
              fs.open(
                  new org.apache.hadoop.fs.Path(
                      "/stocklambda/models/" + version + "/evaluation.json")));
    }
  }

  private Path confDir() {
    return stack().resolve("yarn").resolve("conf");
  }

  private Path stack() {
    return work.resolve("stack");
  }

  private String bootstrap() {
    return "127.0.0.1:" + ports[0];
  }

  private String hdfs() {
    return "hdfs://127.0.0.1:" + ports[2];
  }

  private String elasticsearch() {
    return "http://127.0.0.1:" + ports[6];
  }

  private String oozie() {
    return "http://127.0.0.1:" + ports[10] + "/oozie";
  }
}
