package io.stocklambda.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution the build made, run the way a user runs it: through bin/stocklambda. */
class DistributionIT {

  private static final Path HOME =
      Paths.get(System.getProperty("stocklambda.dist", "target/stocklambda"));

  @TempDir Path dir;

  @Test
  void everyComponentHasItsOwnLibDirectory() throws IOException {
    for (String component :
        List.of(
            "cli",
            "ingest",
            "batch-mapreduce",
            "batch-spark",
            "speed",
            "serving",
            "oozie",
            "embedded-kafka",
            "embedded-hdfs",
            "embedded-hbase",
            "embedded-yarn",
            "embedded-oozie",
            "bench")) {
      Path lib = HOME.resolve("lib").resolve(component);
      try (Stream<Path> jars = Files.list(lib)) {
        assertThat(jars.map(p -> p.getFileName().toString()))
            .as(component)
            .anySatisfy(name -> assertThat(name).startsWith("io.stocklambda."));
      }
    }
    assertThat(HOME.resolve("bin/stocklambda")).isExecutable();
  }

  @Test
  void classpathsStayApart() throws IOException {
    assertThat(jars("batch-spark"))
        .anySatisfy(j -> assertThat(j).startsWith("org.apache.spark.spark-mllib_2.13-"));
    // the CLI's JVM stays small: no engine, no Spark, no Hadoop (Kafka's client only, for demo's
    // live figures)
    assertThat(jars("cli"))
        .noneMatch(
            j ->
                j.contains("spark")
                    || j.contains("hadoop")
                    || j.startsWith("org.apache.kafka.kafka_")
                    || j.startsWith("org.apache.hbase.")
                    || j.startsWith("org.elasticsearch."));
    assertThat(jars("speed")).noneSatisfy(j -> assertThat(j).contains("org.apache.spark"));
  }

  @Test
  void theReadmeListsTheCommandsAsHelpDoes() throws Exception {
    Result help = stocklambda("--help");
    String commands =
        help.out.substring(
            help.out.indexOf("Commands:"), help.out.indexOf("\n\n", help.out.indexOf("Commands:")));
    String readme = Files.readString(Paths.get("../README.md"), StandardCharsets.UTF_8);
    int at = readme.indexOf("$ stocklambda --help\n");
    assertThat(at).as("README shows 'stocklambda --help'").isPositive();
    String shown =
        readme.substring(at + "$ stocklambda --help\n".length(), readme.indexOf("```", at)).strip();
    assertThat(shown)
        .as(
            "README's command list; update it from 'stocklambda --help' (and docs/cli.md with docs/cli-reference.sh)")
        .isEqualTo(commands.strip());
  }

  @Test
  void helpListsEveryCommandAndEachComponentKnowsItsOwnWithTheSamePurpose() throws Exception {
    Result help = stocklambda("--help");
    assertThat(help.exit).isZero();
    assertThat(help.out)
        .contains(
            "generate",
            "stack up",
            "stack status",
            "stack down",
            "bench parse",
            "ingest land",
            "ingest replay",
            "ingest archive");

    // every component command the CLI lists exists in its component, described the same way
    for (String line : help.out.lines().filter(l -> l.endsWith("[own JVM]")).toList()) {
      String[] words = line.trim().split("\\s+", 3);
      String purpose = words[2].replace(" [own JVM]", "");
      Result own = stocklambda("help", words[0], words[1]);
      assertThat(own.exit).as(line).isZero();
      assertThat(own.out.replaceAll("\\s+", " ")).as(line).contains(purpose);
    }
  }

  @Test
  void generateThenBenchmarkTheGeneratedMarket() throws Exception {
    Path market = dir.resolve("market");
    Result generate =
        stocklambda("generate", "--stocks", "20", "--days", "250", "--out", market.toString());
    assertThat(generate.exit).as(generate.err).isZero();
    assertThat(market.resolve("Stocks")).isDirectory();

    Result bench =
        stocklambda(
            "bench", "parse", "--input", market.toString(), "--iterations", "1", "--warmup", "0");
    assertThat(bench.exit).as(bench.err).isZero();
    assertThat(bench.out)
        .contains("parse + merge (date order)", "rows/s median", "merge working set");
  }

  private List<String> jars(String component) throws IOException {
    try (Stream<Path> jars = Files.list(HOME.resolve("lib").resolve(component))) {
      return jars.map(p -> p.getFileName().toString()).toList();
    }
  }

  private Result stocklambda(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(HOME.resolve("bin/stocklambda").toString());
    command.addAll(List.of(args));
    Path stdout = dir.resolve("out.txt");
    Path stderr = dir.resolve("err.txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(
          "stocklambda " + String.join(" ", args) + " did not finish in 5 minutes");
    }
    return new Result(
        process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }

  private record Result(int exit, String out, String err) {}
}
