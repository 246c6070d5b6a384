package io.stocklambda.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stocklambda.core.csv.MalformedLinePolicy;
import io.stocklambda.core.csv.ParseReport;
import io.stocklambda.core.csv.TickCsv;
import io.stocklambda.core.dataset.DatasetSplit;
import io.stocklambda.core.dataset.TimeSplit;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The batch layer on the embedded YARN, through the distribution: {@code stack up --engines
 * hdfs,yarn} (a ResourceManager, a NodeManager, the history server, real containers), the windows
 * job with {@code --framework yarn}, training with {@code --master yarn} in client and in cluster
 * deploy mode, each compared with the same run on the local runners: the same training set, line
 * for line, and the same model metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class YarnIT {

  private final Path work =
      Dist.HOME.getParent().resolve("yarn-it-" + UUID.randomUUID()).toAbsolutePath();
  private int[] ports;
  private TimeSplit split;

  @BeforeAll
  void generateLandAndStartTheStack() throws Exception {
    Dist.Result generated =
        Dist.run(
            work,
            "generate",
            "--profile",
            "kaggle",
            "--scale",
            "0.01",
            "--out",
            market().toString());
    assertThat(generated.exit()).as(generated.out() + generated.err()).isZero();
    split =
        TimeSplit.of(
            DatasetSplit.tradingDates(
                TickCsv.discover(market()), MalformedLinePolicy.SKIP, new ParseReport()));
    ports = Dist.freePorts(3);
    Dist.Result up =
        Dist.run(
            work,
            6,
            "stack",
            "up",
            "--dir",
            stack().toString(),
            "--engines",
            "hdfs,yarn",
            "--hdfs-port",
            "" + ports[0],
            "--yarn-port",
            "" + ports[1],
            "--yarn-webapp-port",
            "" + ports[2]);
    assertThat(up.exit()).as(up.out() + up.err()).isZero();
    assertThat(up.out()).contains("yarn", "ready at resourcemanager 127.0.0.1:" + ports[1]);
    Dist.Result land =
        Dist.run(work, 5, "ingest", "land", "--input", market().toString(), "--hdfs", hdfs());
    assertThat(land.exit()).as(land.out() + land.err()).isZero();
  }

  @AfterAll
  void stopTheStack() throws Exception {
    Dist.Result down = Dist.run(work, "stack", "down", "--dir", stack().toString());
    assertThat(down.exit()).as(down.out() + down.err()).isZero();
  }

  @Test
  @Order(1)
  void stackStatusReportsTheNodeManagerFromTheResourceManager() throws Exception {
    Dist.Result status = Dist.run(work, "stack", "status", "--dir", stack().toString());
    assertThat(status.exit()).as(status.out() + status.err()).isZero();
    assertThat(status.out()).containsPattern("yarn .*1 NodeManager\\(s\\), 6,144 MB");
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
  void trainingOnYarnInBothDeployModesFindsTheLocalRunsMetrics() throws Exception {
    train(Map.of(), "local", "m-local");
    train(
        Map.of(),
        "yarn",
        "m-client",
        "--master",
        "yarn",
        "--hadoop-conf-dir",
        confDir().toString());
    // as spark-submit, the cluster deploy mode reads the configuration from the environment
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
    Dist.Result cluster =
        train(
            Map.of("HADOOP_CONF_DIR", confDir().toString()),
            "yarn",
            "m-cluster",
            "--master",
            "yarn",
            "--deploy-mode",
            "cluster");
    assertThat(cluster.out()).containsPattern("application_\\d+_\\d+: FINISHED");
    JsonNode local = evaluation("m-local");
    for (String version : List.of("m-client", "m-cluster")) {
      JsonNode onYarn = evaluation(version);
      assertThat(onYarn.get("trainRows").asLong()).isEqualTo(local.get("trainRows").asLong());
      assertThat(onYarn.get("testRows").asLong()).isEqualTo(local.get("testRows").asLong());
      assertThat(onYarn.get("selected").asText()).isEqualTo(local.get("selected").asText());
      local
          .get("validationAuc")
          .fields()
          .forEachRemaining(
              e ->
                  assertThat(onYarn.get("validationAuc").get(e.getKey()).asDouble())
                      .as(version + " validation AUC of " + e.getKey())
                      .isCloseTo(e.getValue().asDouble(), within(1e-9)));
      for (int i = 0; i < local.get("rows").size(); i++) {
        JsonNode row = local.get("rows").get(i);
        JsonNode other = onYarn.get("rows").get(i);
        assertThat(other.get("model").asText()).isEqualTo(row.get("model").asText());
        assertThat(other.get("n").asLong()).isEqualTo(row.get("n").asLong());
        assertThat(other.get("auc").asDouble())
            .as(version + " " + row.get("model").asText() + " " + row.get("slice").asText())
            .isCloseTo(row.get("auc").asDouble(), within(1e-9));
      }
    }
  }

  private Dist.Result train(
      Map<String, String> env, String training, String version, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "batch",
                "train",
                "--training",
                training,
                "--version",
                version,
                "--promote",
                "never",
                "--hdfs",
                hdfs(),
                "--cutoff",
                split.cutoff().toString(),
                "--validation-years",
                "" + split.validationYears(),
                "--train-years",
                "0",
                "--gbt-iterations",
                "5"));
    args.addAll(List.of(more));
    Dist.Result train = Dist.run(work, 10, env, args.toArray(String[]::new));
    assertThat(train.exit()).as(train.out() + train.err()).isZero();
    return train;
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

  private Path market() {
    return work.resolve("market");
  }

  private Path stack() {
    return work.resolve("stack");
  }

  private Path confDir() {
    return stack().resolve("yarn").resolve("conf");
  }

  private String hdfs() {
    return "hdfs://127.0.0.1:" + ports[0];
  }
}
