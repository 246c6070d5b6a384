package io.stocklambda.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compose deployment as {@code docker-compose} itself reads it (Debian's package; no Docker
 * engine is needed to check a configuration): valid with the secrets {@code make-env.sh} generates,
 * refused without them and with the example file (there are no default credentials), every
 * published port on loopback by default and no admin port published, every image pinned.
 */
class ComposeTest {

  private static final Path COMPOSE = Paths.get("docker-compose.yml").toAbsolutePath();
  private static final Path ENV_EXAMPLE = Paths.get(".env.example").toAbsolutePath();
  private static final List<String> SECRETS =
      List.of(
          "ELASTIC_PASSWORD",
          "KIBANA_SYSTEM_PASSWORD",
          "STOCKLAMBDA_ES_PASSWORD",
          "STOCKLAMBDA_DASHBOARDS_PASSWORD",
          "KIBANA_ENCRYPTION_KEY",
          "STOCKLAMBDA_BIND_ADDRESS");
  private static Path generatedEnv;

  private record Result(int exit, String out) {}

  @BeforeAll
  static void composeIsInstalled() throws Exception {
    boolean present =
        Files.isExecutable(Paths.get("/usr/bin/docker-compose"))
            || run(List.of("docker-compose", "version"), null).exit == 0;
    if (!present && "1".equals(System.getenv("STOCKLAMBDA_REQUIRE_COMPOSE"))) {
      throw new AssertionError(
          "docker-compose is required (STOCKLAMBDA_REQUIRE_COMPOSE=1): apt-get install docker-compose");
    }
    assumeTrue(
        present,
        "docker-compose is not installed (apt-get install docker-compose); skipping the compose checks");
    // make-env.sh writes next to itself: run a copy of it and of the example in a scratch directory
    Path scratch = Files.createTempDirectory(Paths.get("target").toAbsolutePath(), "make-env");
    Files.copy(Paths.get("make-env.sh"), scratch.resolve("make-env.sh"));
    Files.copy(ENV_EXAMPLE, scratch.resolve(".env.example"));
    Result made = run(List.of("sh", scratch.resolve("make-env.sh").toString()), null);
    assertThat(made.exit).as(made.out).isZero();
    generatedEnv = scratch.resolve(".env");
  }

  @Test
  void makeEnvWritesARandomSecretForEveryNameAndKeepsAnExistingFile() throws Exception {
    String env = Files.readString(generatedEnv);
    for (String secret : SECRETS.subList(0, 5)) {
      assertThat(env).containsPattern("(?m)^" + secret + "=[A-Za-z0-9]{32}$");
    }
    assertThat(env).contains("STOCKLAMBDA_BIND_ADDRESS=127.0.0.1");
    assertThat(Files.getPosixFilePermissions(generatedEnv)).hasSize(2); // owner read and write only
    Result again = run(List.of("sh", generatedEnv.resolveSibling("make-env.sh").toString()), null);
    assertThat(again.exit).isNotZero();
    assertThat(again.out).contains("exists");
    assertThat(Files.readString(generatedEnv)).isEqualTo(env);
  }

  @Test
  void theExampleSecretsAreRefused() throws Exception {
    Result config = config(ENV_EXAMPLE);
    assertThat(config.exit).as(config.out).isNotZero();
    assertThat(config.out).containsAnyOf(SECRETS.toArray(String[]::new));
  }

  @Test
  void noPortIsPublishedOnAllInterfacesByDefaultAndNoAdminPortAtAll() throws Exception {
    Result config = config(generatedEnv);
    assertThat(config.exit).as(config.out).isZero();
    List<String> published = published(config.out);
    assertThat(published)
        .as(config.out)
        .hasSize(3)
        .allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:"));
    assertThat(published)
        .extracting(p -> p.substring(p.lastIndexOf(':') + 1))
        .containsExactlyInAnyOrder("9200", "5601", "8080");

    Result admin =
        run(
            List.of(
                "docker-compose",
                "-f",
                COMPOSE.toString(),
                "-f",
                COMPOSE.resolveSibling("docker-compose.admin.yml").toString(),
                "--env-file",
                generatedEnv.toString(),
                "config"),
            SECRETS);
    assertThat(admin.exit).as(admin.out).isZero();
    assertThat(published(admin.out))
        .hasSize(6)
        .allSatisfy(p -> assertThat(p).startsWith("127.0.0.1:"))
        .extracting(p -> p.substring(p.lastIndexOf(':') + 1))
        .contains("9870", "8088", "16010");
  }

  @Test
  void theDashboardsAreImportedWithALeastPrivilegeUserNotTheSuperuser() throws Exception {
    Result config = config(generatedEnv);
    Matcher block =
        Pattern.compile("(?ms)^  kibana-import:\n(.*?)(?=^  \\S|\\z)").matcher(config.out);
    assertThat(block.find()).as(config.out).isTrue();
    String importer = block.group(1);
    assertThat(importer)
        .contains("- stocklambda_dashboards", "STOCKLAMBDA_KIBANA_PASSWORD")
        .doesNotContain("- elastic\n");
    String role = Files.readString(Paths.get("kibana/dashboards-role.json"));
    assertThat(role)
        .contains("feature_dashboard.all")
        .doesNotContain("\"all\"]", "superuser", "manage");
  }

  @Test
  void theImageBuildNeverCopiesSecretsOrLocalData() throws Exception {
    List<String> ignored =
        Files.readAllLines(COMPOSE.getParent().getParent().resolve(".dockerignore"));
    assertThat(ignored).contains("docker/.env", "stocklambda-data/", "**/target/", ".git/");
  }

  /** The host side of every published port, "address:port". */
  private static List<String> published(String config) {
    List<String> out = new ArrayList<>();
    // docker-compose 1.x prints "- 127.0.0.1:8080:8080/tcp" or "- published: ..." forms; both are
    // handled
    Matcher shortForm = Pattern.compile("(?m)^\\s+- (\\S+:\\d+):\\d+(/tcp)?$").matcher(config);
    while (shortForm.find()) {
      out.add(shortForm.group(1));
    }
    Matcher longForm =
        Pattern.compile("(?m)^\\s+- (?:host_ip: (\\S+)\\s+)?mode: \\S+\\s+published: \"?(\\d+)\"?")
            .matcher(config);
    while (longForm.find()) {
      out.add(
          (longForm.group(1) == null ? "0.0.0.0" : longForm.group(1)) + ":" + longForm.group(2));
    }
    return out;
  }

  @Test
  void theWholeSystemIsAValidComposeConfiguration() throws Exception {
    Result config = config(generatedEnv);
    assertThat(config.exit).as(config.out).isZero();
    for (String service :
        List.of(
            "kafka",
            "namenode",
            "datanode",
            "resourcemanager",
            "nodemanager",
            "hbase",
            "elasticsearch",
            "es-setup",
            "kibana",
            "archive",
            "speed",
            "serving",
            "kibana-import",
            "cli")) {
      assertThat(config.out).as(service).containsPattern("(?m)^  " + Pattern.quote(service) + ":$");
    }
    assertThat(config.out)
        .contains("xpack.security.enabled: \"true\"", "KAFKA_PROCESS_ROLES: broker,controller");
  }

  @Test
  void everyFileMountedFromTheRepositoryExists() throws Exception {
    Result config = config(generatedEnv);
    Path repository = COMPOSE.getParent().getParent();
    Path dataset =
        COMPOSE.getParent().resolve("data"); // the user's dataset, not part of the repository
    Matcher mounts = Pattern.compile("(?m)^\\s+- (/[^:\\s]+):/\\S+$").matcher(config.out);
    List<Path> files = new ArrayList<>();
    while (mounts.find()) {
      Path source = Paths.get(mounts.group(1));
      if (source.startsWith(repository) && !source.equals(dataset)) {
        files.add(source);
      }
    }
    assertThat(files)
        .as(config.out)
        .contains(repository.resolve("serving-layer/src/main/resources/es/stocklambda-role.json"))
        .allSatisfy(file -> assertThat(file).isRegularFile());
  }

  @Test
  void withoutTheSecretsComposeRefusesToStart() throws Exception {
    Path empty = Files.createTempFile("empty", ".env");
    Result config = config(empty);
    assertThat(config.exit).isNotZero();
    assertThat(config.out).containsAnyOf(SECRETS.toArray(String[]::new));
  }

  @Test
  void everyImageIsPinnedToAVersion() throws Exception {
    Result config = config(generatedEnv);
    Matcher images = Pattern.compile("(?m)^\\s+image: (\\S+)$").matcher(config.out);
    List<String> found = new ArrayList<>();
    while (images.find()) {
      found.add(images.group(1));
    }
    Matcher from =
        Pattern.compile("(?m)^FROM (\\S+)").matcher(Files.readString(Paths.get("Dockerfile")));
    while (from.find()) {
      found.add(from.group(1));
    }
    assertThat(found)
        .hasSizeGreaterThan(8)
        .allSatisfy(
            image -> {
              String tag = image.substring(image.lastIndexOf('/') + 1);
              assertThat(tag).as(image).contains(":");
              String version = tag.substring(tag.indexOf(':') + 1);
              assertThat(version).as(image).isNotEqualTo("latest").containsPattern("\\d");
            });
  }

  private static Result config(Path envFile) throws Exception {
    return run(
        List.of(
            "docker-compose", "-f", COMPOSE.toString(), "--env-file", envFile.toString(), "config"),
        SECRETS);
  }

  private static Result run(List<String> command, List<String> unset)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (unset != null) {
      Map<String, String> env = builder.environment();
      unset.forEach(env::remove);
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new Result(127, e.getMessage());
    }
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish in 60 s");
    }
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
