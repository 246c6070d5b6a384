package io.stocklambda.embedded.stack;

import io.stocklambda.core.json.Json;
import io.stocklambda.core.progress.ChildProcesses;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Elasticsearch 7.17 from its own distribution: configuration, data and logs under the stack
 * directory ({@code ES_PATH_CONF}), bound to 127.0.0.1, single node, heap 256 MB; as an
 * unprivileged user when the stack runs as root. Security is off unless the stack was given an
 * {@link ElasticsearchSecurity}: then it is on, the {@code elastic} password is the keystore's
 * {@code bootstrap.password}, roles and users are written for the file realm with the
 * distribution's own tools, and readiness is checked as {@code elastic}.
 */
final class ElasticsearchLauncher implements EngineLauncher {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Path dir;
  private final Path home;
  private final ServiceUser user = ServiceUser.forElasticsearch();
  private final ElasticsearchSecurity security;

  /**
   * @param security users and roles with security on; null for security off
   */
  ElasticsearchLauncher(Path stackDir, ElasticsearchSecurity security) {
    this.dir = stackDir.resolve(Engine.ELASTICSEARCH.id()).toAbsolutePath();
    this.home = EngineRuntime.elasticsearchHome();
    this.security = security;
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
      Files.copy(
          home.resolve("config").resolve("log4j2.properties"), config.resolve("log4j2.properties"));
    }
    Files.writeString(
        config.resolve("jvm.options"),
        jvmOptions(Files.readString(home.resolve("config").resolve("jvm.options"))));
    Files.writeString(config.resolve("elasticsearch.yml"), settings(ports));
    if (security != null) {
      secure(config, log);
    }
    user.prepare(dir, home);
    ProcessBuilder builder =
        new ProcessBuilder(
            user.wrap(List.of(home.resolve("bin").resolve("elasticsearch").toString())));
    environment(builder, config)
        .put("ES_JAVA_OPTS", String.join(" ", Engine.ELASTICSEARCH.jvmOptions(System::getenv)));
    return ChildProcesses.background(builder, log);
  }

  private Map<String, String> environment(ProcessBuilder builder, Path config) {
    Map<String, String> env = builder.environment();
    env.put("ES_JAVA_HOME", EngineRuntime.javaHome());
    env.put("ES_PATH_CONF", config.toString());
    env.put("ES_TMPDIR", dir.resolve("tmp").toString());
    env.put("HOME", dir.toString());
    env.remove("JAVA_TOOL_OPTIONS");
    return env;
  }

  /**
   * Puts the {@code elastic} password into the node's keystore as {@code bootstrap.password} (the
   * keystore is created if missing, the entry replaced; through standard input), writes the roles
   * to {@code roles.yml} (JSON is YAML) and creates the users afresh with {@code
   * elasticsearch-users}, each password typed into its prompt through standard input, as the
   * keystore's is.
   */
  private void secure(Path config, Path log) throws IOException {
    tool(
        config,
        log,
        security.elasticPassword(),
        "elasticsearch-keystore",
        "add",
        "--force",
        "--stdin",
        "bootstrap.password");
    StringBuilder roles = new StringBuilder("# written by stocklambda at each start\n");
    for (Map.Entry<String, String> role : security.roles().entrySet()) {
      roles
          .append(role.getKey())
          .append(": ")
          .append(Json.mapper().readTree(role.getValue()).toString())
          .append('\n');
    }
    Files.writeString(config.resolve("roles.yml"), roles);
    Files.writeString(config.resolve("users"), "");
    Files.writeString(config.resolve("users_roles"), "");
    for (ElasticsearchSecurity.User user : security.users()) {
      // the password through standard input (the tool asks for it, then again), never on a command
      // line others can read
      tool(
          config,
          log,
          user.password() + "\n" + user.password() + "\n",
          "elasticsearch-users",
          "useradd",
          user.name(),
          "-r",
          String.join(",", user.roles()));
    }
  }

  /** Runs one of the distribution's command-line tools on this node's configuration. */
  private void tool(Path config, Path log, String input, String name, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve(name).toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(log.toFile()));
    environment(builder, config).put("ES_JAVA_OPTS", "-Xmx64m");
    Process tool = builder.start();
    try (OutputStream in = tool.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    }
    try {
      if (!tool.waitFor(2, TimeUnit.MINUTES) || tool.exitValue() != 0) {
        tool.destroyForcibly();
        throw new IOException(name + " " + args[0] + " failed; see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + name, e);
    }
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
    return String.join(
        "\n",
        "# written by stocklambda at each start",
        "cluster.name: stocklambda",
        "node.name: stocklambda-1",
        "path.data: " + dir.resolve("data"),
        "path.logs: " + dir.resolve("logs"),
        "network.host: 127.0.0.1",
        "http.port: " + ports.elasticsearch(),
        "transport.port: " + ports.elasticsearchTransport(),
        "discovery.type: single-node",
        "xpack.security.enabled: " + (security != null),
        "# a nearly full disk must not turn the indices read-only on a laptop",
        "cluster.routing.allocation.disk.threshold_enabled: false",
        "# a full batch view (17 M documents) is indexed in one go: larger in-memory segments, less merging",
        "indices.memory.index_buffer_size: 30%",
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
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url + "/_cluster/health"))
              .timeout(Duration.ofSeconds(5))
              .GET();
      if (security != null) {
        request.header(
            "Authorization",
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        ("elastic:" + security.elasticPassword())
                            .getBytes(StandardCharsets.UTF_8)));
      }
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 401 && security == null) {
        throw new StackException(
            "elasticsearch " + url + " answers, with security on: its health needs credentials");
      }
      if (response.statusCode() != 200) {
        throw new StackException("elasticsearch " + url + " answered " + response.statusCode());
      }
      Map<?, ?> health = Json.mapper().readValue(response.body(), Map.class);
      Object status = health.get("status");
      if (!"green".equals(status) && !"yellow".equals(status)) {
        throw new StackException("elasticsearch " + url + " cluster is " + status);
      }
      return "elasticsearch "
          + url
          + ": cluster "
          + health.get("cluster_name")
          + " "
          + status
          + ", "
          + health.get("number_of_nodes")
          + " node";
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
