package io.stocklambda.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklambda.cli.launch.ComponentCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StockLambdaTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void helpListsEveryCommandWithItsPurpose() throws Exception {
    for (String[] args : new String[][] {{}, {"--help"}, {"-h"}, {"help"}}) {
      out.reset();
      assertThat(run(args)).isZero();
      String help = stdout();
      assertThat(help).contains("generate", "Write a seeded synthetic market in the Kaggle format");
      assertThat(help).contains("help", "Show every command with its purpose");
      assertThat(help)
          .contains(
              "stack up",
              "stack status",
              "stack down",
              "Start Kafka, HDFS, HBase and Elasticsearch");
      for (ComponentCommand c : ComponentCommand.ALL) {
        assertThat(help).contains(c.group() + " " + c.name(), c.purpose());
      }
    }
  }

  @Test
  void aCommandExplainsItsOptions() throws Exception {
    assertThat(run("generate", "--help")).isZero();
    assertThat(stdout()).contains("--stocks", "--days", "--seed", "--out", "byte-identical");
    out.reset();
    assertThat(run("generate", "--stocks", "3", "-h")).isZero(); // help wins over the missing --out
    assertThat(stdout()).contains("--empty-files");
    out.reset();
    assertThat(run("help", "generate")).isZero();
    assertThat(stdout()).contains("--empty-files");
    out.reset();
    assertThat(run("stack", "up", "--help")).isZero();
    assertThat(stdout())
        .contains(
            "--kafka-port",
            "--hdfs-port",
            "--hbase-zookeeper-port",
            "--elasticsearch-http-port",
            "--dir");
  }

  @Test
  void generateWritesTheSameMarketForTheSameSeed() throws Exception {
    assertThat(
            run(
                "generate",
                "--stocks",
                "5",
                "--days",
                "30",
                "--seed",
                "9",
                "--out",
                dir.resolve("a").toString()))
        .isZero();
    assertThat(stdout())
        .contains("Generated 5 stock files, 3 ETF files, 1 empty files")
        .contains("(profile compact, seed 9)");
    assertThat(
            run(
                "generate",
                "--stocks",
                "5",
                "--days",
                "30",
                "--seed",
                "9",
                "--out",
                dir.resolve("b").toString()))
        .isZero();

    assertThat(files(dir.resolve("a"))).hasSize(9).isEqualTo(files(dir.resolve("b")));
    for (String name : files(dir.resolve("a"))) {
      assertThat(Files.readAllBytes(dir.resolve("a").resolve(name)))
          .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(name)));
    }
  }

  @Test
  void theKaggleProfileIsSizedByItsScaleAlone() throws Exception {
    assertThat(
            run(
                "generate",
                "--profile",
                "kaggle",
                "--scale",
                "0.002",
                "--out",
                dir.resolve("k").toString()))
        .isZero();
    assertThat(stdout())
        .contains("Generated 14 stock files, 3 ETF files, 1 empty files")
        .contains("from 1962-01-02 to 2017-11-10")
        .contains("2 malformed line(s)")
        .contains("malformed on purpose: ");
    assertThat(run("generate", "--profile", "kaggle", "--stocks", "3", "--out", dir.toString()))
        .isEqualTo(2);
    assertThat(stderr())
        .contains("--stocks size the compact profile; --profile kaggle is sized by --scale");
    assertThat(run("generate", "--scale", "0.5", "--out", dir.toString())).isEqualTo(2);
    assertThat(run("generate", "--profile", "kaggle", "--scale", "2", "--out", dir.toString()))
        .isEqualTo(2);
    assertThat(stderr()).contains("scale must be in (0, 1]");
  }

  @Test
  void badUsageExitsWithTwoAndSaysWhy() throws Exception {
    assertThat(run("generate")).isEqualTo(2);
    assertThat(stderr()).contains("--out").contains("stocklambda help");

    err.reset();
    assertThat(run("generate", "--stocks", "-3", "--out", dir.toString())).isEqualTo(2);
    assertThat(stderr()).contains("option 'stocks' was given as '-3'");

    err.reset();
    assertThat(run("generate", "--start", "yesterday", "--out", dir.toString())).isEqualTo(2);
    assertThat(stderr()).contains("--start must be a date like 2005-01-03, was 'yesterday'");

    err.reset();
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(stderr()).contains("frobnicate");
  }

  @Test
  void stackStatusWithoutAStackSaysSoAndFails() throws Exception {
    assertThat(run("stack", "status", "--dir", dir.resolve("none").toString())).isEqualTo(1);
    assertThat(stdout()).contains("no stack running in");
  }

  @Test
  void stackUpRejectsAnUnknownEngineAndABadPort() throws Exception {
    assertThat(run("stack", "up", "--dir", dir.toString(), "--engines", "kafka,mongodb"))
        .isEqualTo(2);
    assertThat(stderr()).contains("unknown engine 'mongodb'");
    err.reset();
    assertThat(run("stack", "up", "--dir", dir.toString(), "--kafka-port", "70000")).isEqualTo(2);
    assertThat(stderr()).contains("kafka-port");
  }

  @Test
  void aComponentGroupListsItsCommands() throws Exception {
    assertThat(run("bench")).isZero();
    assertThat(stdout()).contains("usage: stocklambda bench <command>", "parse");

    assertThat(run("bench", "nope")).isEqualTo(2);
    assertThat(stderr()).contains("unknown bench command 'nope'");
  }

  @Test
  void aComponentCommandOutsideADistributionSaysHowToBuildOne() throws Exception {
    assertThat(run("bench", "parse")).isEqualTo(1);
    assertThat(stderr())
        .contains(
            "component commands run from the distribution",
            "dist/target/stocklambda/bin/stocklambda");
  }

  private int run(String... args) throws InterruptedException {
    return StockLambda.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static java.util.List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }
}
