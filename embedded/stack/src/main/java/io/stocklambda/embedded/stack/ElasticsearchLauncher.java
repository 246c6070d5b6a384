package io.stocklambda.embedded.stack;

import io.stocklambda.core.json.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Elasticsearch 7.17 from its own distribution: configuration, data and logs under the stack
 * directory ({@code ES_PATH_CONF}), bound to 127.0.0.1, single node, security off locally, heap
 * 256 MB; as an unprivileged user when the stack runs as root.
 */
final class ElasticsearchLauncher implements EngineLauncher {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path dir;
  private final Path home;
  private final ServiceUser user = ServiceUser.forElasticsearch();

  ElasticsearchLauncher(Path stackDir) {
    this.dir = stackDir.resolve(Engine.ELASTICSEARCH.id()).toAbsolutePath();
    this.home = EngineRuntime.elasticsearchHome();
  }

  @Override
  public Engine engine() {
    return Engine.ELASTICSEARCH;
  }

  @Override
  public Process start(StackPorts ports, Path log) throws IOException {
    Path config = dir.resolve("config");
    Files.createDirectories(config.resolve("jvm.options.d"));
    Files.createDirectories(dir.resolve("data"));
    Files.createDirectories(dir.resolve("logs"));
    Files.createDirectories(dir.resolve("tmp"));
    if (!Files.exists(config.resolve("log4j2.properties"))) {
      Files.copy(home.resolve("config").resolve("log4j2.properties"), config.resolve("log4j2.properties"));
    }
    Files.writeString(config.resolve("jvm.options"), jvmOptions(Files.readString(home.resolve("config").resolve("jvm.options"))));
    Files.writeString(config.resolve("elasticsearch.yml"), settings(ports));
    user.prepare(dir, home);
    ProcessBuilder builder = new ProcessBuilder(Processes.detached(user.wrap(List.of(home.resolve("bin").resolve("elasticsearch").toString()))))
        .redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(log.toFile()))
        .redirectInput(Redirect.from(new File("/dev/null")));
    Map<String, String> env = builder.environment();
    env.put("ES_JAVA_HOME", EngineRuntime.javaHome());
    env.put("ES_PATH_CONF", config.toString());
    env.put("ES_JAVA_OPTS", String.join(" ", Engine.ELASTICSEARCH.jvmOptions()));
    env.put("ES_TMPDIR", dir.resolve("tmp").toString());
    env.put("HOME", dir.toString());
    env.remove("JAVA_TOOL_OPTIONS");
    return builder.start();
  }

  /**
   * The distribution's JVM options with their relative paths ({@code logs/gc.log}, {@code data})
   * moved into this stack's directory: they resolve against Elasticsearch's home, which is not ours
   * to write.
   */
  String jvmOptions(String shipped) {
    Path logs = dir.resolve("logs");
    return shipped
        .replace("file=logs/gc.log", "file=" + logs.resolve("gc.log"))
        .replace("-XX:HeapDumpPath=data", "-XX:HeapDumpPath=" + dir.resolve("data"))
        .replace("-XX:ErrorFile=logs/", "-XX:ErrorFile=" + logs + "/");
  }

  String settings(StackPorts ports) {
    return String.join("\n",
        "# written by stocklambda at each start",
        "cluster.name: stocklambda",
        "node.name: stocklambda-1",
        "path.data: " + dir.resolve("data"),
        "path.logs: " + dir.resolve("logs"),
        "network.host: 127.0.0.1",
        "http.port: " + ports.elasticsearch(),
        "transport.port: " + ports.elasticsearchTransport(),
        "discovery.type: single-node",
        "xpack.security.enabled: false",
        "# a nearly full disk must not turn the indices read-only on a laptop",
        "cluster.routing.allocation.disk.threshold_enabled: false",
        "");
  }

  @Override
  public boolean isReady(long pid, StackPorts ports) {
    try {
      check(ports);
      return true;
    } catch (StackException e) {
      return false;
    }
  }

  @Override
  public String check(StackPorts ports) {
    String url = "http://127.0.0.1:" + ports.elasticsearch();
    try {
      HttpResponse<String> response = HTTP.send(
          HttpRequest.newBuilder(URI.create(url + "/_cluster/health")).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new StackException("elasticsearch " + url + " answered " + response.statusCode());
      }
      Map<?, ?> health = Json.mapper().readValue(response.body(), Map.class);
      Object status = health.get("status");
      if (!"green".equals(status) && !"yellow".equals(status)) {
        throw new StackException("elasticsearch " + url + " cluster is " + status);
      }
      return "elasticsearch " + url + ": cluster " + health.get("cluster_name") + " " + status + ", "
          + health.get("number_of_nodes") + " node";
    } catch (IOException e) {
      throw new StackException("elasticsearch " + url + " unreachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted", e);
    } catch (UncheckedIOException e) {
      throw new StackException(e.getMessage(), e);
    }
  }

  @Override
  public String marker() {
    return dir.resolve("config").toString();
  }

  @Override
  public Duration readyTimeout() {
    return Duration.ofMinutes(2);
  }
}
