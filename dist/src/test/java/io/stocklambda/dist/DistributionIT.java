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

  private static final Path HOME = Paths.get(System.getProperty("stocklambda.dist", "target/stocklambda"));

  @TempDir
  Path dir;

  @Test
  void everyComponentHasItsOwnLibDirectory() throws IOException {
    for (String component : List.of("cli", "ingest", "batch-mapreduce", "batch-spark", "speed", "serving",
        "embedded-kafka", "embedded-hdfs", "embedded-hbase", "bench")) {
      Path lib = HOME.resolve("lib").resolve(component);
      try (Stream<Path> jars = Files.list(lib)) {
        assertThat(jars.map(p -> p.getFileName().toString()))
            .as(component).anySatisfy(name -> assertThat(name).startsWith("io.stocklambda."));
      }
    }
    assertThat(HOME.resolve("bin/stocklambda")).isExecutable();
  }

  @Test
  void classpathsStayApart() throws IOException {
    assertThat(jars("batch-spark")).anySatisfy(j -> assertThat(j).startsWith("org.apache.spark.spark-mllib_2.13-"));
    assertThat(jars("cli")).noneSatisfy(j -> assertThat(j).contains("spark", "hadoop", "kafka"));
    assertThat(jars("speed")).noneSatisfy(j -> assertThat(j).contains("org.apache.spark"));
  }

  @Test
  void helpListsEveryCommandAndEachComponentKnowsItsOwnWithTheSamePurpose() throws Exception {
    Result help = stocklambda("--help");
    assertThat(help.exit).isZero();
    assertThat(help.out).contains("generate", "stack up", "stack status", "stack down", "bench parse", "ingest land",
        "ingest replay", "ingest archive");

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
    Result generate = stocklambda("generate", "--stocks", "20", "--days", "250", "--out", market.toString());
    assertThat(generate.exit).as(generate.err).isZero();
    assertThat(market.resolve("Stocks")).isDirectory();

    Result bench = stocklambda("bench", "parse", "--input", market.toString(), "--iterations", "1", "--warmup", "0");
    assertThat(bench.exit).as(bench.err).isZero();
    assertThat(bench.out).contains("parse + merge (date order)", "rows/s median", "merge working set");
  }

  @Test
  void theStackRunsFromTheDistributionAndStopsWithoutLeftovers() throws Exception {
    // not under @TempDir, which is private (700): Elasticsearch runs as another user when we are root
    Path stack = HOME.getParent().resolve("dist-it-stack-" + java.util.UUID.randomUUID()).toAbsolutePath();
    int[] ports = freePorts(4);
    String[] where = {"--dir", stack.toString()};
    Result up = stocklambda(concat(new String[] {"stack", "up", "--engines", "kafka,elasticsearch",
        "--kafka-port", "" + ports[0], "--kafka-controller-port", "" + ports[1],
        "--elasticsearch-http-port", "" + ports[2], "--elasticsearch-transport-port", "" + ports[3]}, where));
    try {
      assertThat(up.exit).as(up.out + up.err).isZero();
      assertThat(up.out).contains("kafka         ready at 127.0.0.1:" + ports[0], "elasticsearch ready at http://127.0.0.1:" + ports[2]);

      Result status = stocklambda(concat(new String[] {"stack", "status"}, where));
      assertThat(status.exit).as(status.out).isZero();
      assertThat(status.out).contains("kafka         healthy", "elasticsearch healthy", "1 broker", "cluster stocklambda");
    } finally {
      Result down = stocklambda(concat(new String[] {"stack", "down"}, where));
      if (up.exit == 0) {
        assertThat(down.exit).isZero();
        assertThat(down.out).contains("kafka         stopped", "elasticsearch stopped", "data stays in");
      }
    }
    assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(stack.toString())).orElse(false)))
        .isEmpty();
  }

  private static int[] freePorts(int n) throws IOException {
    java.net.ServerSocket[] sockets = new java.net.ServerSocket[n];
    int[] ports = new int[n];
    try {
      for (int i = 0; i < n; i++) {
        sockets[i] = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
    } finally {
      for (java.net.ServerSocket s : sockets) {
        if (s != null) {
          s.close();
        }
      }
    }
    return ports;
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
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
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("stocklambda " + String.join(" ", args) + " did not finish in 5 minutes");
    }
    return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
  }

  private record Result(int exit, String out, String err) {}
}
